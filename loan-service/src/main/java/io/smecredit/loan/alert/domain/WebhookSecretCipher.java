package io.smecredit.loan.alert.domain;

import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * Webhook signing secrets at rest: AES-256-GCM under a key that lives outside the database (LOAN_WEBHOOK_SECRET_KEY),
 * so a database dump or backup alone does not let anyone forge deliveries. The bank id is bound as associated data:
 * a ciphertext copied into another bank's row does not decrypt. Stored as {@code v1:base64(iv || ciphertext+tag)};
 * the version prefix leaves room for key rotation.
 */
public final class WebhookSecretCipher {

    private static final String PREFIX = "v1:";
    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final SecretKeySpec key;

    /** @param base64Key 32 random bytes, base64-encoded */
    public WebhookSecretCipher(String base64Key) {
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(base64Key.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("The webhook secret key must be base64 (32 bytes)", e);
        }
        if (bytes.length != 32) {
            throw new IllegalArgumentException("The webhook secret key must be 32 bytes (AES-256), got "
                    + bytes.length);
        }
        this.key = new SecretKeySpec(bytes, "AES");
    }

    public String encrypt(String bankId, String secret) {
        byte[] iv = new byte[IV_BYTES];
        RANDOM.nextBytes(iv);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, iv));
            cipher.updateAAD(bankId.getBytes(StandardCharsets.UTF_8));
            byte[] sealed = cipher.doFinal(secret.getBytes(StandardCharsets.UTF_8));
            return PREFIX + Base64.getEncoder().encodeToString(ByteBuffer.allocate(iv.length + sealed.length)
                    .put(iv).put(sealed).array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is required by the Java platform", e);
        }
    }

    /** @throws IllegalStateException if the value was not sealed for this bank under this key */
    public String decrypt(String bankId, String stored) {
        if (stored == null || !stored.startsWith(PREFIX)) {
            throw new IllegalStateException("Webhook secret of " + bankId + " is not in a known format");
        }
        byte[] all = Base64.getDecoder().decode(stored.substring(PREFIX.length()));
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, all, 0, IV_BYTES));
            cipher.updateAAD(bankId.getBytes(StandardCharsets.UTF_8));
            return new String(cipher.doFinal(all, IV_BYTES, all.length - IV_BYTES), StandardCharsets.UTF_8);
        } catch (AEADBadTagException e) {
            throw new IllegalStateException("Webhook secret of " + bankId
                    + " does not decrypt: wrong key (LOAN_WEBHOOK_SECRET_KEY) or altered row", e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is required by the Java platform", e);
        }
    }
}
