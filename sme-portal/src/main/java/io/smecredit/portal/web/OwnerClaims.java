package io.smecredit.portal.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

/**
 * Reads display claims from the owner's access token. The token was verified by quarkus-oidc when the session
 * was established; this only decodes its payload for display and never decides anything from it.
 */
public final class OwnerClaims {

    public static final String SME_CLAIM = "sme_id";
    private static final ObjectMapper JSON = new ObjectMapper();

    private OwnerClaims() {
    }

    public static Optional<String> claim(String jwt, String name) {
        if (jwt == null) {
            return Optional.empty();
        }
        String[] parts = jwt.split("\\.");
        if (parts.length < 2) {
            return Optional.empty();
        }
        try {
            JsonNode payload = JSON.readTree(new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8));
            JsonNode value = payload.get(name);
            return value != null && value.isTextual() && !value.asText().isBlank()
                    ? Optional.of(value.asText()) : Optional.empty();
        } catch (Exception undecodable) {
            return Optional.empty();
        }
    }
}
