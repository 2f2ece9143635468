package io.smecredit.portal.bank;

import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The partner banks an owner can grant access to, from configuration ({@code PORTAL_BANKS}). Their ids are the
 * bank ids loan-service uses; the names are only for people.
 */
@ApplicationScoped
@Startup // so that a placeholder left in PORTAL_BANKS stops the portal at start, not at the first page
public class BankDirectory {

    private final List<BankOption> banks;
    private final Map<String, String> names;

    public BankDirectory(@ConfigProperty(name = "portal.banks") List<String> entries) {
        this.banks = BankOption.parse(entries);
        this.names = banks.stream()
                .collect(Collectors.toUnmodifiableMap(BankOption::id, BankOption::name, (first, second) -> first));
    }

    public List<BankOption> all() {
        return banks;
    }

    public Set<String> ids() {
        return names.keySet();
    }

    /** The name to show: loan-service's own name for the bank if it sent one, else the configured one, else the id. */
    public String displayName(String bankId, String nameFromLoanService) {
        if (nameFromLoanService != null && !nameFromLoanService.isBlank()) {
            return nameFromLoanService;
        }
        return bankId == null ? "unknown bank" : names.getOrDefault(bankId, bankId);
    }
}
