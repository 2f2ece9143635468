package io.smecredit.loan.common;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One token bucket per client: {@code burst} requests at once, refilled at {@code perSecond}. In memory, so each
 * instance limits separately; with N instances behind a balancer a bank gets up to N times the rate.
 */
public final class TokenBuckets {

    public record Limit(double perSecond, double burst) {
    }

    private final Limit defaultLimit;
    private final Map<String, Limit> overrides;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

    public TokenBuckets(Limit defaultLimit, Map<String, Limit> overrides) {
        this.defaultLimit = defaultLimit;
        this.overrides = Map.copyOf(overrides);
    }

    /** The limit that applies to this client. */
    public Limit limitOf(String clientId) {
        return overrides.getOrDefault(clientId, defaultLimit);
    }

    /** Zero when the request may proceed; otherwise the whole seconds until a token is available. */
    public long acquire(String clientId, long nowNanos) {
        Limit limit = limitOf(clientId);
        return buckets.computeIfAbsent(clientId, id -> new Bucket(limit, nowNanos)).take(nowNanos);
    }

    private static final class Bucket {
        private final Limit limit;
        private double tokens;
        private long lastNanos;

        Bucket(Limit limit, long nowNanos) {
            this.limit = limit;
            this.tokens = limit.burst();
            this.lastNanos = nowNanos;
        }

        synchronized long take(long nowNanos) {
            tokens = Math.min(limit.burst(), tokens + (nowNanos - lastNanos) / 1e9 * limit.perSecond());
            lastNanos = nowNanos;
            if (tokens >= 1) {
                tokens -= 1;
                return 0;
            }
            return Math.max(1, (long) Math.ceil((1 - tokens) / limit.perSecond()));
        }
    }
}
