package io.smecredit.common.auth;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The identities built from bearer tokens that Quarkus OIDC has verified, so that a client reusing its access token
 * for the token's lifetime (as OAuth clients should: a bank, a factory gateway) pays for the signature check and the
 * claim parsing once per token rather than once per request: they were about a quarter of a credit report's CPU and
 * nearly all of its allocation, and about a fifth of the ingestion event loops' CPU under gateway load
 * (docs/benchmarks.md).
 *
 * <p>An entry answers only for the very same token (found by its SHA-256, so lookups compare digests, not the secret
 * itself), never after the token's {@code exp}, and never longer than {@code smecredit.auth.token-cache.max-age} after
 * it was verified: that bounds how long a token signed with a key the issuer has since withdrawn stays accepted.
 * Nothing is cached for a token that failed verification. Each service has one OIDC tenant; with several, the key
 * would have to include the tenant.
 */
@ApplicationScoped
public class VerifiedTokenCache {

    /** Attribute of an identity answered from the cache (so it is not put in again). */
    public static final String FROM_CACHE = "io.smecredit.token-from-cache";

    private final Map<String, Entry> entries = new ConcurrentHashMap<>();
    private final Clock clock;
    private final boolean enabled;
    private final long maxAgeMillis;
    private final int maxEntries;
    private final Counter hits;
    private final Counter misses;

    /** The service's clock if it has one (so tests that move time move the cache's too), else the system's. */
    @Inject
    public VerifiedTokenCache(Instance<Clock> clocks, MeterRegistry metrics,
                              @ConfigProperty(name = "smecredit.auth.token-cache.enabled", defaultValue = "true") boolean enabled,
                              @ConfigProperty(name = "smecredit.auth.token-cache.max-age", defaultValue = "60s") Duration maxAge,
                              @ConfigProperty(name = "smecredit.auth.token-cache.max-entries", defaultValue = "2000") int maxEntries) {
        this(clocks.isResolvable() ? clocks.get() : Clock.systemUTC(), metrics, enabled, maxAge, maxEntries);
    }

    public VerifiedTokenCache(Clock clock, MeterRegistry metrics, boolean enabled, Duration maxAge, int maxEntries) {
        this.clock = clock;
        this.enabled = enabled;
        this.maxAgeMillis = maxAge.toMillis();
        this.maxEntries = maxEntries;
        this.hits = Counter.builder("auth.token.cache.hits")
                .description("Requests whose bearer token had been verified before (signature check skipped)")
                .register(metrics);
        this.misses = Counter.builder("auth.token.cache.misses")
                .description("Requests whose bearer token was verified by OIDC (not cached, expired or evicted)")
                .register(metrics);
    }

    /** The identity verified earlier for exactly this token, if it is still within its token's and the cache's time. */
    public SecurityIdentity find(String token) {
        if (!enabled) {
            return null;
        }
        String key = digest(token);
        Entry entry = entries.get(key);
        if (entry == null) {
            misses.increment();
            return null;
        }
        if (clock.millis() >= entry.usableUntilMillis) {
            entries.remove(key, entry);
            misses.increment();
            return null;
        }
        hits.increment();
        return entry.identity;
    }

    /**
     * Remembers an identity OIDC built from {@code token}, until {@code expiresAtEpochSecond} (the token's exp) or the
     * cache's max age, whichever comes first. A full cache first drops what has expired, then takes no more.
     */
    public void remember(String token, SecurityIdentity identity, long expiresAtEpochSecond) {
        if (!enabled || expiresAtEpochSecond <= 0) {
            return;
        }
        long now = clock.millis();
        long usableUntil = Math.min(expiresAtEpochSecond * 1000, now + maxAgeMillis);
        if (usableUntil <= now) {
            return;
        }
        if (entries.size() >= maxEntries) {
            entries.values().removeIf(entry -> now >= entry.usableUntilMillis);
            if (entries.size() >= maxEntries) {
                return;
            }
        }
        entries.putIfAbsent(digest(token), new Entry(identity, usableUntil));
    }

    int size() {
        return entries.size();
    }

    private static String digest(String token) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.US_ASCII));
            return new String(hash, StandardCharsets.ISO_8859_1);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    private record Entry(SecurityIdentity identity, long usableUntilMillis) {
    }
}
