package io.smecredit.loan.alert.domain;

import org.junit.jupiter.api.Test;

import java.util.Base64;

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

        assertThat(sealed).startsWith("v1:").doesNotContain("0123456789abcdef");
        assertThat(cipher.decrypt("bank-a", sealed)).isEqualTo("whsec_0123456789abcdef");
        // Fresh IV each time: the same secret never produces the same stored value.
        assertThat(cipher.encrypt("bank-a", "whsec_0123456789abcdef")).isNotEqualTo(sealed);
        assertThatThrownBy(() -> cipher.decrypt("bank-b", sealed)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> new WebhookSecretCipher(key('x')).decrypt("bank-a", sealed))
                .hasMessageContaining("LOAN_WEBHOOK_SECRET_KEY");
    }

    @Test
    void aKeyThatIsNotAes256IsRefusedAtStartup() {
        assertThatThrownBy(() -> new WebhookSecretCipher(Base64.getEncoder().encodeToString(new byte[16])))
                .hasMessageContaining("32 bytes");
        assertThatThrownBy(() -> new WebhookSecretCipher("not base64!")).hasMessageContaining("base64");
    }
}
