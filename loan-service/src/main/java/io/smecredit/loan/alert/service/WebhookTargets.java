package io.smecredit.loan.alert.service;

import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.Startup;
import io.smecredit.loan.alert.domain.WebhookSecretCipher;
import io.smecredit.loan.alert.domain.WebhookTargetPolicy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

@ApplicationScoped
public class WebhookTargets {

    /** The default of loan.webhooks.secret-key in application.properties: public, for development only. */
    static final String DEV_ONLY_KEY = "ZGV2LW9ubHktd2ViaG9vay1rZXktTk9ULVNFQ1JFVCE=";
    private static final Logger LOG = Logger.getLogger(WebhookTargets.class);

    @Produces
    @ApplicationScoped
    WebhookTargetPolicy policy(@ConfigProperty(name = "loan.webhooks.allowed-hosts") Optional<List<String>> hosts) {
        return new WebhookTargetPolicy(hosts.orElse(List.of()).stream().map(String::trim)
                .filter(h -> !h.isEmpty()).map(String::toLowerCase).collect(Collectors.toSet()));
    }

    // Created at startup, so a malformed key stops the service at once and the development-key warning is seen.
    @Produces
    @ApplicationScoped
    @Startup
    WebhookSecretCipher secretCipher(@ConfigProperty(name = "loan.webhooks.secret-key") String key,
                                     @ConfigProperty(name = "loan.webhooks.previous-secret-keys")
                                     Optional<List<String>> previousKeys) {
        if (DEV_ONLY_KEY.equals(key.trim()) && LaunchMode.current() == LaunchMode.NORMAL) {
            LOG.warn("Webhook secrets are encrypted with the public development key: set LOAN_WEBHOOK_SECRET_KEY "
                    + "(32 random bytes, base64) in any real deployment.");
        }
        return new WebhookSecretCipher(key, previousKeys.orElse(List.of()).stream().map(String::trim)
                .filter(k -> !k.isEmpty()).toList());
    }
}
