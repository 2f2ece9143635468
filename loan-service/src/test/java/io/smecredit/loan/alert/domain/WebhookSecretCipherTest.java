package io.smecredit.loan.alert.domain;

import org.junit.jupiter.api.Test;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class WebhookSecretCipherTest {

    private static String key(char fill) {
        return Base64.getEncoder().encodeToString(String.valueOf(fill).repeat(32).getBytes());
    }

    private final WebhookSecretCipher cipher = new WebhookSecretCipher(key('k'));

    @Test
    void aSealedSecretOpensOnlyForItsBankAndUnderItsKey() {
        String sealed = cipher.encrypt("bank-a", "whsec_0123456789abcdef");

        assertThat(sealed).startsWith("v2:" + cipher.currentKeyId() + ":").doesNotContain("0123456789abcdef");
        assertThat(cipher.currentKeyId()).matches("[0-9a-f]{8}");
        assertThat(cipher.decrypt("bank-a", sealed)).isEqualTo("whsec_0123456789abcdef");
        // Fresh IV each time: the same secret never produces the same stored value.
        assertThat(cipher.encrypt("bank-a", "whsec_0123456789abcdef")).isNotEqualTo(sealed);
        assertThatThrownBy(() -> cipher.decrypt("bank-b", sealed)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> new WebhookSecretCipher(key('x')).decrypt("bank-a", sealed))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(cipher.currentKeyId())
                .hasMessageContaining("LOAN_WEBHOOK_SECRET_KEY").hasMessageContaining("LOAN_WEBHOOK_PREVIOUS_SECRET_KEYS");
    }

    @Test
    void duringARotationSecretsSealedUnderThePreviousKeyStillOpenAndAreToldApart() {
        String underOld = cipher.encrypt("bank-a", "whsec_old");
        WebhookSecretCipher rotated = new WebhookSecretCipher(key('n'), List.of(key('k')));

        assertThat(rotated.decrypt("bank-a", underOld)).isEqualTo("whsec_old");
        assertThat(rotated.isSealedUnderCurrentKey(underOld)).isFalse();
        String resealed = rotated.encrypt("bank-a", rotated.decrypt("bank-a", underOld));
        assertThat(rotated.isSealedUnderCurrentKey(resealed)).isTrue();
        assertThat(resealed).startsWith("v2:" + rotated.currentKeyId() + ":");
        assertThat(rotated.currentKeyId()).isNotEqualTo(cipher.currentKeyId());
        // Once the previous key is dropped, only what was sealed again opens.
        WebhookSecretCipher after = new WebhookSecretCipher(key('n'));
        assertThat(after.decrypt("bank-a", resealed)).isEqualTo("whsec_old");
        assertThatThrownBy(() -> after.decrypt("bank-a", underOld)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aSecretSealedBeforeKeyIdsOpensUnderWhicheverConfiguredKeySealedIt() throws Exception {
        String legacy = legacySeal(key('k'), "bank-a", "whsec_legacy");

        assertThat(cipher.decrypt("bank-a", legacy)).isEqualTo("whsec_legacy");
        assertThat(cipher.isSealedUnderCurrentKey(legacy)).as("to be sealed again with a key id").isFalse();
        assertThat(new WebhookSecretCipher(key('n'), List.of(key('k'))).decrypt("bank-a", legacy))
                .isEqualTo("whsec_legacy");
        assertThatThrownBy(() -> new WebhookSecretCipher(key('n')).decrypt("bank-a", legacy))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("does not decrypt");
        assertThatThrownBy(() -> cipher.decrypt("bank-a", "v2:abc")).hasMessageContaining("not in a known format");
        assertThatThrownBy(() -> cipher.decrypt("bank-a", "v2:" + cipher.currentKeyId() + ":%%"))
                .hasMessageContaining("not in a known format");
    }

    @Test
    void aKeyThatIsNotAes256IsRefusedAtStartup() {
        assertThatThrownBy(() -> new WebhookSecretCipher(Base64.getEncoder().encodeToString(new byte[16])))
                .hasMessageContaining("32 bytes");
        assertThatThrownBy(() -> new WebhookSecretCipher("not base64!")).hasMessageContaining("base64");
        assertThatThrownBy(() -> new WebhookSecretCipher(key('k'), List.of("c2hvcnQ=")))
                .hasMessageContaining("A previous webhook secret key").hasMessageContaining("32 bytes");
    }

    /** The stored format before key ids: v1:base64(iv || ciphertext+tag), the bank id as associated data. */
    private static String legacySeal(String base64Key, String bankId, String secret) throws Exception {
        byte[] iv = new byte[12];
        Cipher gcm = Cipher.getInstance("AES/GCM/NoPadding");
        gcm.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(Base64.getDecoder().decode(base64Key), "AES"),
                new GCMParameterSpec(128, iv));
        gcm.updateAAD(bankId.getBytes(StandardCharsets.UTF_8));
        byte[] sealed = gcm.doFinal(secret.getBytes(StandardCharsets.UTF_8));
        byte[] all = new byte[iv.length + sealed.length];
        System.arraycopy(sealed, 0, all, iv.length, sealed.length);
        return "v1:" + Base64.getEncoder().encodeToString(all);
    }
}
