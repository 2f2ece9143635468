package io.smecredit.loan.alert.domain;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;

/**
 * The webhook signature: {@code v1=hex(HMAC-SHA256(secret, timestamp + "." + body))}, sent with the timestamp
 * (epoch seconds) in its own header. Signing the timestamp lets receivers refuse replays of old deliveries.
 */
public final class WebhookSignature {

    public static final String SIGNATURE_HEADER = "X-SmeCredit-Signature";
    public static final String TIMESTAMP_HEADER = "X-SmeCredit-Timestamp";

    private WebhookSignature() {
    }

    public static String sign(String secret, long timestampSeconds, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            byte[] digest = mac.doFinal((timestampSeconds + "." + body).getBytes(StandardCharsets.UTF_8));
            return "v1=" + HexFormat.of().formatHex(digest);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is required by the Java platform", e);
        }
    }

    /** Constant-time check, as a receiver should do it. */
    public static boolean verify(String secret, long timestampSeconds, String body, String signature) {
        return signature != null && MessageDigest.isEqual(
                sign(secret, timestampSeconds, body).getBytes(StandardCharsets.UTF_8),
                signature.getBytes(StandardCharsets.UTF_8));
    }
}
