package io.smecredit.portal.web;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;

class OwnerClaimsTest {

    private static String jwtWithPayload(String json) {
        Base64.Encoder encoder = Base64.getUrlEncoder().withoutPadding();
        return encoder.encodeToString("{\"alg\":\"RS256\"}".getBytes(StandardCharsets.UTF_8)) + "."
                + encoder.encodeToString(json.getBytes(StandardCharsets.UTF_8)) + ".signature";
    }

    @Test
    void readsTheSmeClaimFromTheTokenPayload() {
        assertThat(OwnerClaims.claim(jwtWithPayload("{\"sme_id\":\"sme-003\",\"sub\":\"x\"}"), "sme_id"))
                .contains("sme-003");
    }

    @Test
    void missingBlankOrNonTextClaimsAndBrokenTokensGiveNothing() {
        assertThat(OwnerClaims.claim(jwtWithPayload("{\"sub\":\"x\"}"), "sme_id")).isEmpty();
        assertThat(OwnerClaims.claim(jwtWithPayload("{\"sme_id\":\" \"}"), "sme_id")).isEmpty();
        assertThat(OwnerClaims.claim(jwtWithPayload("{\"sme_id\":42}"), "sme_id")).isEmpty();
        assertThat(OwnerClaims.claim("not-a-jwt", "sme_id")).isEmpty();
        assertThat(OwnerClaims.claim("a.%%%.c", "sme_id")).isEmpty();
        assertThat(OwnerClaims.claim(null, "sme_id")).isEmpty();
    }
}
