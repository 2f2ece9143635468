package io.smecredit.loan.alert;

import io.quarkus.test.junit.QuarkusTest;
import io.smecredit.loan.Fixtures;
import io.smecredit.loan.alert.domain.WebhookSecretCipher;
import io.smecredit.loan.alert.service.WebhookSecretSealing;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Secrets stored in plaintext before encryption at rest existed are sealed, and still sign the same way. */
@QuarkusTest
class WebhookSecretAtRestTest {

    @Inject
    WebhookSecretSealing sealing;

    @Inject
    WebhookSecretCipher cipher;

    @Test
    void aPlaintextSecretLeftByAnOlderVersionIsEncryptedAndTheSameSecretComesBack() throws Exception {
        String bankId = "bank-legacy-" + UUID.randomUUID().toString().substring(0, 8);
        String secret = "whsec_" + UUID.randomUUID().toString().replace("-", "");
        try (Connection c = Fixtures.connect(); PreparedStatement s = c.prepareStatement(
                "INSERT INTO webhook (bank_id, url, secret, created_at, updated_at) "
                        + "VALUES (?, 'https://93.184.216.34/hooks', ?, now(), now())")) {
            s.setString(1, bankId);
            s.setString(2, secret);
            s.executeUpdate();
        }
        try {
            assertThat(sealing.sealPlaintextSecrets().await().atMost(Duration.ofSeconds(20))).isGreaterThanOrEqualTo(1);

            try (Connection c = Fixtures.connect(); PreparedStatement s = c.prepareStatement(
                    "SELECT secret, secret_sealed FROM webhook WHERE bank_id = ?")) {
                s.setString(1, bankId);
                ResultSet rs = s.executeQuery();
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isNull();
                String sealed = rs.getString(2);
                assertThat(sealed).startsWith("v1:").doesNotContain(secret).doesNotContain(secret.substring(6));
                assertThat(cipher.decrypt(bankId, sealed)).isEqualTo(secret);
            }
        } finally {
            try (Connection c = Fixtures.connect(); PreparedStatement s = c.prepareStatement(
                    "DELETE FROM webhook WHERE bank_id = ?")) {
                s.setString(1, bankId);
                s.executeUpdate();
            }
        }
    }
}
