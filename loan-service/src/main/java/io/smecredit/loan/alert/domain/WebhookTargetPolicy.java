package io.smecredit.loan.alert.domain;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Optional;
import java.util.Set;

/**
 * Server-side request forgery guard: a webhook may only point at a public address, so a bank cannot make this service
 * call into its own network (databases, cloud metadata at 169.254.169.254, admin consoles). Hosts on an explicit
 * allow-list (LOAN_WEBHOOK_ALLOWED_HOSTS, used by tests and local demos) are exempt. Checked at registration and again
 * before every delivery, since DNS answers can change; a delivery connects to exactly the address that was checked
 * (DNS rebinding between the check and the connection cannot redirect it).
 */
public final class WebhookTargetPolicy {

    /** Name resolution, replaceable in unit tests to play a rebinding DNS server. */
    @FunctionalInterface
    public interface Resolver {
        InetAddress[] resolve(String host) throws UnknownHostException;
    }

    /**
     * Where one delivery goes: the URL's host (for the Host header, SNI and certificate check) and the one address,
     * validated, that the connection must use, so a second DNS answer cannot redirect it.
     */
    public record Target(String host, int port, boolean tls, String pathAndQuery, InetAddress address) {
    }

    /** Either a target or the reason there is none. */
    public record Resolution(Target target, String refusal) {
        public Optional<String> refused() {
            return Optional.ofNullable(refusal);
        }
    }

    private final Set<String> allowedHosts;
    private final Resolver resolver;

    public WebhookTargetPolicy(Set<String> allowedHosts) {
        this(allowedHosts, InetAddress::getAllByName);
    }

    public WebhookTargetPolicy(Set<String> allowedHosts, Resolver resolver) {
        this.allowedHosts = Set.copyOf(allowedHosts);
        this.resolver = resolver;
    }

    /** Why the URL must not be called, or empty when it may. Resolves the host (blocking). */
    public Optional<String> refusal(String url) {
        return resolve(url).refused();
    }

    /**
     * Resolves the host once (blocking) and judges every address it resolves to: one internal address is enough to
     * refuse, since a client could pick any of them. The delivery then connects to the returned address only.
     */
    public Resolution resolve(String url) {
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException | NullPointerException e) {
            return refused("is not a valid URL");
        }
        boolean tls = "https".equalsIgnoreCase(uri.getScheme());
        if (!tls && !"http".equalsIgnoreCase(uri.getScheme())) {
            return refused("must use http or https");
        }
        String host = uri.getHost();
        if (host == null || host.isBlank()) {
            return refused("must name a host");
        }
        if (uri.getUserInfo() != null) {
            return refused("must not carry credentials");
        }
        String bareHost = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
        InetAddress[] addresses;
        try {
            addresses = resolver.resolve(bareHost);
        } catch (UnknownHostException e) {
            return refused("host '" + bareHost + "' cannot be resolved");
        }
        if (addresses == null || addresses.length == 0) {
            return refused("host '" + bareHost + "' cannot be resolved");
        }
        if (!allowedHosts.contains(bareHost.toLowerCase())) {
            for (InetAddress address : addresses) {
                if (isInternal(address)) {
                    return refused("resolves to a private, loopback or link-local address ("
                            + address.getHostAddress() + "), which webhooks may not target");
                }
            }
        }
        int port = uri.getPort() > 0 ? uri.getPort() : tls ? 443 : 80;
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        String pathAndQuery = uri.getRawQuery() == null ? path : path + "?" + uri.getRawQuery();
        return new Resolution(new Target(bareHost, port, tls, pathAndQuery, addresses[0]), null);
    }

    private static Resolution refused(String reason) {
        return new Resolution(null, reason);
    }

    static boolean isInternal(InetAddress a) {
        if (a.isLoopbackAddress() || a.isLinkLocalAddress() || a.isSiteLocalAddress() || a.isAnyLocalAddress()
                || a.isMulticastAddress()) {
            return true;
        }
        byte[] b = a.getAddress();
        if (a instanceof Inet6Address) {
            // Unique local fc00::/7, and IPv4-mapped addresses judged as IPv4.
            if ((b[0] & 0xfe) == 0xfc) {
                return true;
            }
            boolean mapped = true;
            for (int i = 0; i < 10; i++) {
                mapped &= b[i] == 0;
            }
            if (mapped && (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff) {
                try {
                    return isInternal(InetAddress.getByAddress(new byte[]{b[12], b[13], b[14], b[15]}));
                } catch (UnknownHostException e) {
                    return true;
                }
            }
            return false;
        }
        int first = b[0] & 0xff;
        int second = b[1] & 0xff;
        // 100.64.0.0/10 carrier-grade NAT and 0.0.0.0/8 are not public either.
        return first == 0 || (first == 100 && second >= 64 && second <= 127);
    }
}
