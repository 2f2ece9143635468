package io.smecredit.loan.application.service;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.smecredit.loan.application.domain.CreditPolicy;
import io.smecredit.loan.application.domain.Outcome;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** The credit policy in force: the classpath default, or the operator's file named by LOAN_POLICY_FILE. */
@ApplicationScoped
public class PolicyProvider {

    private final CreditPolicy current;

    public PolicyProvider(ObjectMapper json, @ConfigProperty(name = "loan.policy.file") Optional<String> file)
            throws IOException {
        try (InputStream in = file.filter(f -> !f.isBlank())
                .map(f -> {
                    try {
                        return Files.newInputStream(Path.of(f));
                    } catch (IOException e) {
                        throw new IllegalStateException("Cannot read credit policy file " + f, e);
                    }
                })
                .orElseGet(() -> PolicyProvider.class.getResourceAsStream("/policy/credit-policy.json"))) {
            current = json.readValue(in, CreditPolicy.class);
        }
        if (current.version() == null || current.version().isBlank()) {
            throw new IllegalStateException("The credit policy must carry a version");
        }
        if (current.staleDataOutcome() == Outcome.APPROVE) {
            throw new IllegalStateException("Credit policy " + current.version()
                    + ": staleDataOutcome must be DECLINE or REFER, never APPROVE");
        }
    }

    public CreditPolicy current() {
        return current;
    }
}
