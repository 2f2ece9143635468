package io.smecredit.portal.consent.resource;

import java.util.List;

/** What the owner typed into the grant form, echoed back when it has to be corrected. */
public record GrantForm(String bankId, String purpose, List<String> scopes, String expiresOn) {

    public GrantForm {
        scopes = scopes == null ? List.of() : List.copyOf(scopes);
    }

    public boolean ticked(String scope) {
        return scopes.contains(scope);
    }

    public boolean chose(String bank) {
        return bank != null && bank.equals(bankId);
    }
}
