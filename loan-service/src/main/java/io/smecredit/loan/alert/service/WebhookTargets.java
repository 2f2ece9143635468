package io.smecredit.loan.alert.service;

import io.smecredit.loan.alert.domain.WebhookTargetPolicy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

@ApplicationScoped
public class WebhookTargets {

    @Produces
    @ApplicationScoped
    WebhookTargetPolicy policy(@ConfigProperty(name = "loan.webhooks.allowed-hosts") Optional<List<String>> hosts) {
        return new WebhookTargetPolicy(hosts.orElse(List.of()).stream().map(String::trim)
                .filter(h -> !h.isEmpty()).map(String::toLowerCase).collect(Collectors.toSet()));
    }
}
