package io.smecredit.loan.common;

import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The partner banks this deployment serves, from {@code loan.banks} ({@code LOAN_BANKS}): comma-separated
 * {@code clientId} or {@code clientId=Display name} entries. A bank's id is its Keycloak client id, so a bank token
 * maps to its record through the token's {@code azp} claim without a database round trip. A token with role
 * {@code bank} from a client that is not listed here is refused: onboarding a bank is a deliberate act.
 */
@ApplicationScoped
@Startup
public class BankRegistry {

    /** What deploy/k8s's production overlay puts in LOAN_BANKS for the operator to replace. */
    static final String PLACEHOLDER = "REPLACE-ME";

    private final Map<String, Bank> byClientId = new LinkedHashMap<>();

    public BankRegistry(@ConfigProperty(name = "loan.banks") List<String> entries) {
        for (String entry : entries) {
            String trimmed = entry.trim();
            if (trimmed.isEmpty()) {
                continue;
            }
            int eq = trimmed.indexOf('=');
            String clientId = eq < 0 ? trimmed : trimmed.substring(0, eq).trim();
            String name = eq < 0 ? clientId : trimmed.substring(eq + 1).trim();
            if (clientId.startsWith(PLACEHOLDER)) {
                // Built at start (@Startup): a deployment that still has the placeholder does not come up at all.
                throw new IllegalStateException("LOAN_BANKS still holds the placeholder '" + trimmed + "': set the"
                        + " partner banks' Keycloak client ids (clientId=Display name, comma-separated)");
            }
            byClientId.put(clientId, new Bank(clientId, clientId, name));
        }
    }

    public Optional<Bank> byClientId(String clientId) {
        return Optional.ofNullable(clientId == null ? null : byClientId.get(clientId));
    }

    public Optional<Bank> byId(String bankId) {
        return byClientId(bankId);
    }

    public Collection<Bank> all() {
        return byClientId.values();
    }
}
