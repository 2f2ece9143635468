package io.smecredit.loan.alert;

import io.quarkus.test.junit.QuarkusTest;
import io.smecredit.loan.Fixtures;
import io.smecredit.loan.alert.domain.WebhookSecretCipher;
import io.smecredit.loan.alert.service.WebhookSecretSealing;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.Base64;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Secrets stored in plaintext before encryption at rest existed are sealed, and still sign the same way; secrets sealed
 * under a previous key are sealed again under the current one.
 */
@QuarkusTest
class WebhookSecretAtRestTest {

    @Inject
    WebhookSecretSealing sealing;

    @Inject
    WebhookSecretCipher cipher;

    @ConfigProperty(name = "loan.webhooks.previous-secret-keys")
    String previousKey;

    @Test
    void aPlaintextSecretLeftByAnOlderVersionIsEncryptedAndTheSameSecretComesBack() throws Exception {
        String bankId = "bank-legacy-" + UUID.randomUUID().toString().substring(0, 8);
        String secret = "whsec_" + UUID.randomUUID().toString().replace("-", "");
        insertWebhook(bankId, "secret", secret);
        try {
            assertThat(sealing.sealPlaintextSecrets().await().atMost(Duration.ofSeconds(20))).isGreaterThanOrEqualTo(1);

            try (Connection c = Fixtures.connect(); PreparedStatement s = c.prepareStatement(
                    "SELECT secret, secret_sealed FROM webhook WHERE bank_id = ?")) {
                s.setString(1, bankId);
                ResultSet rs = s.executeQuery();
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isNull();
                String sealed = rs.getString(2);
                assertThat(sealed).startsWith("v2:" + cipher.currentKeyId() + ":").doesNotContain(secret).doesNotContain(secret.substring(6));
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

    @Test
    void aSecretSealedUnderThePreviousKeyIsSealedAgainUnderTheCurrentOneAndAnUnknownKeysIsLeftAlone() throws Exception {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String rotatedBank = "bank-rotated-" + suffix;
        String strandedBank = "bank-stranded-" + suffix;
        String secret = "whsec_" + UUID.randomUUID().toString().replace("-", "");
        // The test profile's LOAN_WEBHOOK_PREVIOUS_SECRET_KEYS, as the current key of the deployment before rotation.
        String underPrevious = new WebhookSecretCipher(previousKey).encrypt(rotatedBank, secret);
        String underUnknown = new WebhookSecretCipher(Base64.getEncoder().encodeToString(new byte[32]))
                .encrypt(strandedBank, secret);
        insertWebhook(rotatedBank, "secret_sealed", underPrevious);
        insertWebhook(strandedBank, "secret_sealed", underUnknown);
        try {
            assertThat(sealing.sealUnderCurrentKey().await().atMost(Duration.ofSeconds(20))).isGreaterThanOrEqualTo(1);

            String resealed = sealedSecretOf(rotatedBank);
            assertThat(resealed).startsWith("v2:" + cipher.currentKeyId() + ":").isNotEqualTo(underPrevious);
            assertThat(cipher.decrypt(rotatedBank, resealed)).isEqualTo(secret);
            assertThat(new WebhookSecretCipher(previousKey).isSealedUnderCurrentKey(resealed)).isFalse();
            assertThat(sealedSecretOf(strandedBank)).isEqualTo(underUnknown);
            // Nothing left to do: a second instance starting finds nothing of these two to seal again.
            assertThat(sealing.sealUnderCurrentKey().await().atMost(Duration.ofSeconds(20))).isZero();
        } finally {
            try (Connection c = Fixtures.connect(); PreparedStatement s = c.prepareStatement(
                    "DELETE FROM webhook WHERE bank_id IN (?, ?)")) {
                s.setString(1, rotatedBank);
                s.setString(2, strandedBank);
                s.executeUpdate();
            }
        }
    }

    /** A webhook row as a version of the service left it: the secret in {@code column} (plaintext or sealed). */
    private static void insertWebhook(String bankId, String column, String value) throws Exception {
        try (Connection c = Fixtures.connect(); PreparedStatement s = c.prepareStatement(
                "INSERT INTO webhook (bank_id, url, " + column + ", created_at, updated_at) "
                        + "VALUES (?, 'https://93.184.216.34/hooks', ?, now(), now())")) {
            s.setString(1, bankId);
            s.setString(2, value);
            s.executeUpdate();
        }
    }

    private static String sealedSecretOf(String bankId) throws Exception {
        try (Connection c = Fixtures.connect(); PreparedStatement s = c.prepareStatement(
                "SELECT secret_sealed FROM webhook WHERE bank_id = ?")) {
            s.setString(1, bankId);
            ResultSet rs = s.executeQuery();
            assertThat(rs.next()).isTrue();
            return rs.getString(1);
        }
    }
}
