package io.smecredit.loan.common;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.smecredit.common.problem.Problem;
import io.smecredit.common.problem.ProblemException;
import io.smecredit.common.problem.ProblemType;
import jakarta.enterprise.context.ApplicationScoped;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Supplier;

/**
 * Stripe-style idempotency keys, per bank. The key row is inserted in the caller's transaction before the work is
 * done and completed with the response in the same transaction. A concurrent request with the same key blocks on
 * the key's primary key until the first commits, then finds the stored response: one application, never two. If
 * the first transaction fails, its key row disappears with it and a retry runs afresh.
 */
@ApplicationScoped
public class Idempotency {

    public static final String HEADER = "Idempotency-Key";
    public static final int MAX_KEY_LENGTH = 255;
    /** Set on an answer that is the stored one of an earlier request with the same key. */
    public static final String REPLAYED_HEADER = "Idempotent-Replayed";

    /** A response as stored for replay. */
    public record StoredResponse(int status, String body, boolean replayed) {

        /** The stored JSON answer, marked {@value #REPLAYED_HEADER} when it is a replay. */
        public Response.ResponseBuilder toResponse() {
            Response.ResponseBuilder response = Response.status(status).type(MediaType.APPLICATION_JSON).entity(body);
            return replayed ? response.header(REPLAYED_HEADER, "true") : response;
        }

        /**
         * The answer with a relative {@code Location} of what it created ({@code collection/<id of the body>}): a
         * replay points where the first answer did. Relative, because one built from the request's Host header would
         * name whatever host the caller sent.
         */
        public Response toCreatedResponse(String collection, ObjectMapper json) {
            String id;
            try {
                id = json.readTree(body).get("id").asText();
            } catch (JsonProcessingException | NullPointerException e) {
                throw new IllegalStateException("A stored answer has no id to locate", e);
            }
            return toResponse().header(HttpHeaders.LOCATION, collection + "/" + id).build();
        }
    }

    private final Clock clock;

    public Idempotency(Clock clock) {
        this.clock = clock;
    }

    public static String requireKey(String key) {
        if (key != null && key.length() > MAX_KEY_LENGTH) {
            throw new ProblemException(ProblemType.VALIDATION_FAILED, "Header " + HEADER + " is " + key.length()
                    + " characters long; it must be at most " + MAX_KEY_LENGTH + " (e.g. a UUID).",
                    List.of(new Problem.FieldError(HEADER, "must be 1-" + MAX_KEY_LENGTH + " characters")));
        }
        if (key == null || key.isBlank()) {
            throw new ProblemException(ProblemType.VALIDATION_FAILED, "Header " + HEADER + " is required: a unique "
                    + "value of 1-" + MAX_KEY_LENGTH + " characters per intended request (e.g. a UUID).",
                    List.of(new Problem.FieldError(HEADER, key == null ? "is required"
                            : "must be 1-" + MAX_KEY_LENGTH + " characters")));
        }
        return key;
    }

    public static String fingerprint(String canonicalRequest) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(canonicalRequest.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Must run inside a transaction; {@code work} runs in it only for the first request with this key. */
    public Uni<StoredResponse> once(String bankId, String key, String requestFingerprint,
                                    Supplier<Uni<StoredResponse>> work) {
        return Panache.getSession().flatMap(s -> s.createNativeQuery("""
                                INSERT INTO idempotency_key (bank_id, idem_key, request_hash, created_at)
                                VALUES (:bankId, :key, :hash, :now) ON CONFLICT DO NOTHING""")
                        .setParameter("bankId", bankId)
                        .setParameter("key", key)
                        .setParameter("hash", requestFingerprint)
                        .setParameter("now", clock.instant().atOffset(ZoneOffset.UTC))
                        .executeUpdate()
                        .flatMap(inserted -> inserted == 1
                                ? work.get().call(response -> s.createNativeQuery("""
                                                UPDATE idempotency_key SET response_status = :status,
                                                    response_body = :body
                                                WHERE bank_id = :bankId AND idem_key = :key""")
                                        .setParameter("status", response.status())
                                        .setParameter("body", response.body())
                                        .setParameter("bankId", bankId)
                                        .setParameter("key", key)
                                        .executeUpdate())
                                : replay(s, bankId, key, requestFingerprint)));
    }

    private static Uni<StoredResponse> replay(org.hibernate.reactive.mutiny.Mutiny.Session s, String bankId,
                                              String key, String requestFingerprint) {
        return s.createNativeQuery("SELECT request_hash, response_status, response_body FROM idempotency_key "
                        + "WHERE bank_id = :bankId AND idem_key = :key", Object[].class)
                .setParameter("bankId", bankId)
                .setParameter("key", key)
                .getSingleResult()
                .map(row -> {
                    if (!requestFingerprint.equals(((String) row[0]).trim())) {
                        throw new ProblemException(ProblemType.UNPROCESSABLE, "Idempotency-Key '" + key
                                + "' was already used with a different request body or on another endpoint (keys are "
                                + "per bank across all endpoints); use a new key for a new request.");
                    }
                    return new StoredResponse(((Number) row[1]).intValue(), (String) row[2], true);
                });
    }
}
