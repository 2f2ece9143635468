package io.smecredit.portal.bank;

import java.util.ArrayList;
import java.util.List;

/** A bank the owner can pick in the grant form: its id in loan-service and the name people know it by. */
public record BankOption(String id, String name) {

    /** What deploy/k8s's production overlay puts in PORTAL_BANKS for the operator to replace. */
    static final String PLACEHOLDER = "REPLACE-ME";

    /** Parses entries written as {@code id=Display name} (or just {@code id}), skipping blanks. */
    public static List<BankOption> parse(List<String> entries) {
        List<BankOption> banks = new ArrayList<>();
        for (String entry : entries) {
            String trimmed = entry == null ? "" : entry.strip();
            if (trimmed.isEmpty()) {
                continue;
            }
            int separator = trimmed.indexOf('=');
            String id = (separator < 0 ? trimmed : trimmed.substring(0, separator)).strip();
            String name = separator < 0 ? id : trimmed.substring(separator + 1).strip();
            if (id.startsWith(PLACEHOLDER)) {
                throw new IllegalStateException("PORTAL_BANKS still holds the placeholder '" + trimmed + "': set"
                        + " the partner banks' ids as loan-service knows them (id=Display name, comma-separated)");
            }
            if (!id.isEmpty()) {
                banks.add(new BankOption(id, name.isEmpty() ? id : name));
            }
        }
        return List.copyOf(banks);
    }
}
