package io.smecredit.loan.alert.domain;

import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Webhook signing secrets at rest: AES-256-GCM under a key that lives outside the database (LOAN_WEBHOOK_SECRET_KEY),
 * so a database dump or backup alone does not let anyone forge deliveries. The bank id is bound as associated data:
 * a ciphertext copied into another bank's row does not decrypt. Stored as {@code v2:keyId:base64(iv || ciphertext+tag)},
 * where the key id is a fingerprint of the key (the first 8 hex digits of its SHA-256), so the key can be rotated:
 * values sealed under a previous key (LOAN_WEBHOOK_PREVIOUS_SECRET_KEYS) still open and are sealed again under the
 * current one at startup. Values from before key ids ({@code v1:base64(...)}) open under any configured key.
 */
public final class WebhookSecretCipher {

    private static final String LEGACY_PREFIX = "v1:";
    private static final String PREFIX = "v2:";
    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();

    private record SealingKey(String id, SecretKeySpec spec) {
    }

    private final SealingKey current;
    // The current key first: a legacy value is tried under each in this order.
    private final Map<String, SealingKey> openable = new LinkedHashMap<>();

    /** @param base64Key 32 random bytes, base64-encoded */
    public WebhookSecretCipher(String base64Key) {
        this(base64Key, List.of());
    }

    /**
     * @param base64Key          the key new values are sealed under: 32 random bytes, base64-encoded
     * @param previousBase64Keys keys values may still be sealed under, during a rotation
     */
    public WebhookSecretCipher(String base64Key, List<String> previousBase64Keys) {
        this.current = sealingKey(base64Key, "The webhook secret key");
        openable.put(current.id(), current);
        for (String previous : previousBase64Keys) {
            SealingKey key = sealingKey(previous, "A previous webhook secret key");
            openable.putIfAbsent(key.id(), key);
        }
    }

    public String encrypt(String bankId, String secret) {
        byte[] iv = new byte[IV_BYTES];
        RANDOM.nextBytes(iv);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, current.spec(), new GCMParameterSpec(TAG_BITS, iv));
            cipher.updateAAD(bankId.getBytes(StandardCharsets.UTF_8));
            byte[] sealed = cipher.doFinal(secret.getBytes(StandardCharsets.UTF_8));
            return PREFIX + current.id() + ":" + Base64.getEncoder().encodeToString(
                    ByteBuffer.allocate(iv.length + sealed.length).put(iv).put(sealed).array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is required by the Java platform", e);
        }
    }

    /** @throws IllegalStateException if the value was not sealed for this bank under a configured key */
    public String decrypt(String bankId, String stored) {
        int end = stored != null && stored.startsWith(PREFIX) ? stored.indexOf(':', PREFIX.length()) : -1;
        if (end > 0) {
            String keyId = stored.substring(PREFIX.length(), end);
            SealingKey key = openable.get(keyId);
            if (key == null) {
                throw new IllegalStateException("Webhook secret of " + bankId + " is sealed under key " + keyId
                        + ", which is neither LOAN_WEBHOOK_SECRET_KEY nor one of LOAN_WEBHOOK_PREVIOUS_SECRET_KEYS");
            }
            return open(bankId, key, sealedBytes(bankId, stored.substring(end + 1)));
        }
        if (stored != null && stored.startsWith(LEGACY_PREFIX)) {
            byte[] all = sealedBytes(bankId, stored.substring(LEGACY_PREFIX.length()));
            for (SealingKey key : openable.values()) {
                try {
                    return open(bankId, key, all);
                } catch (IllegalStateException wrongKey) {
                    // GCM's tag tells a wrong key apart: try the next one.
                }
            }
            throw new IllegalStateException("Webhook secret of " + bankId + " does not decrypt: wrong key "
                    + "(LOAN_WEBHOOK_SECRET_KEY, LOAN_WEBHOOK_PREVIOUS_SECRET_KEYS) or altered row");
        }
        throw new IllegalStateException("Webhook secret of " + bankId + " is not in a known format");
    }

    /** Whether a stored value is sealed under the current key in the current format (nothing to rotate). */
    public boolean isSealedUnderCurrentKey(String stored) {
        return stored != null && stored.startsWith(PREFIX + current.id() + ":");
    }

    /** The fingerprint stored values name the current key by (not secret: 32 bits of its SHA-256). */
    public String currentKeyId() {
        return current.id();
    }

    private static String open(String bankId, SealingKey key, byte[] all) {
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key.spec(), new GCMParameterSpec(TAG_BITS, all, 0, IV_BYTES));
            cipher.updateAAD(bankId.getBytes(StandardCharsets.UTF_8));
            return new String(cipher.doFinal(all, IV_BYTES, all.length - IV_BYTES), StandardCharsets.UTF_8);
        } catch (AEADBadTagException e) {
            throw new IllegalStateException("Webhook secret of " + bankId
                    + " does not decrypt: wrong key (LOAN_WEBHOOK_SECRET_KEY) or altered row", e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is required by the Java platform", e);
        }
    }

    private static byte[] sealedBytes(String bankId, String base64) {
        try {
            byte[] all = Base64.getDecoder().decode(base64);
            if (all.length <= IV_BYTES) {
                throw new IllegalArgumentException("too short");
            }
            return all;
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("Webhook secret of " + bankId + " is not in a known format", e);
        }
    }

    private static SealingKey sealingKey(String base64Key, String what) {
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(base64Key.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(what + " must be base64 (32 bytes)", e);
        }
        if (bytes.length != 32) {
            throw new IllegalArgumentException(what + " must be 32 bytes (AES-256), got " + bytes.length);
        }
        try {
            String id = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes), 0, 4);
            return new SealingKey(id, new SecretKeySpec(bytes, "AES"));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is required by the Java platform", e);
        }
    }
}
