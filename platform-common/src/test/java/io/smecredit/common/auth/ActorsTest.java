package io.smecredit.common.auth;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class ActorsTest {

    @Test
    void aClientActingForItselfIsNamedByItsClientIdNotByKeycloaksServiceAccountUser() {
        assertThat(Actors.of(token(Map.of("preferred_username", "service-account-ops", "azp", "ops", "sub", "85c7"))))
                .isEqualTo("ops");
    }

    @Test
    void aPersonIsNamedByTheirUsernameWhicheverClientTheySignedInWith() {
        assertThat(Actors.of(token(Map.of("preferred_username", "owner-sme-001", "azp", "sme-portal", "sub", "358e"))))
                .isEqualTo("owner-sme-001");
    }

    @Test
    void withoutUsernameOrClientTheSubjectIsTheName() {
        assertThat(Actors.of(token(Map.of("azp", "ops")))).isEqualTo("ops");
        assertThat(Actors.of(token(Map.of("sub", "85c7")))).isEqualTo("85c7");
    }

    private static JsonWebToken token(Map<String, Object> claims) {
        return new JsonWebToken() {
            @Override
            public String getName() {
                return (String) claims.get("sub");
            }

            @Override
            public Set<String> getClaimNames() {
                return claims.keySet();
            }

            @Override
            @SuppressWarnings("unchecked")
            public <T> T getClaim(String name) {
                return (T) claims.get(name);
            }

            @Override
            public String getSubject() {
                return (String) claims.get("sub");
            }
        };
    }
}
