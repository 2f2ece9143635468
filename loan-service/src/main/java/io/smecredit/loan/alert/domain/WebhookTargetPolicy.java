package io.smecredit.loan.alert.domain;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Optional;
import java.util.Set;

/**
 * Server-side request forgery guard: a webhook may only point at a public address over https, so a bank cannot make
 * this service call into its own network (databases, cloud metadata at 169.254.169.254, admin consoles) nor have SME
 * data sent in clear. Hosts on an explicit allow-list (LOAN_WEBHOOK_ALLOWED_HOSTS, used by tests and local demos) are
 * exempt from both. Checked at registration and again
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
        if (uri.getPort() == 0 || uri.getPort() > 65535) {
            return refused("port must be from 1 to 65535");
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
                    return refused("resolves to " + address.getHostAddress() + ", which is not a public address "
                            + "(private, loopback, link-local, reserved, or one that carries another address): webhooks "
                            + "may not target it");
                }
            }
            // Alerts name the SME and its score: they cross the internet only encrypted.
            if (!tls) {
                return refused("must use https: alerts carry SME credit data (plain http is accepted only for the "
                        + "hosts of LOAN_WEBHOOK_ALLOWED_HOSTS, for local tests)");
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

    /**
     * Whether the address is anything but a public unicast address. IPv4: the private, loopback, link-local,
     * carrier-grade NAT, benchmarking, documentation, IETF, multicast and reserved ranges (RFC 6890). IPv6: everything
     * outside global unicast 2000::/3 — which covers loopback, unique-local, link-local, multicast, and the forms that
     * carry an IPv4 address a gateway would unwrap (::/96, NAT64 64:ff9b::/96 and 64:ff9b:1::/48) — and inside it the
     * IETF block 2001::/23 (Teredo tunnels, benchmarking), documentation 2001:db8::/32 and 3fff::/20, and 6to4
     * 2002::/16; an IPv4-mapped address (::ffff:a.b.c.d) is judged as its IPv4 address.
     */
    static boolean isInternal(InetAddress a) {
        byte[] b = a.getAddress();
        if (a instanceof Inet6Address) {
            if (isIpv4Mapped(b)) {
                try {
                    return isInternal(InetAddress.getByAddress(new byte[]{b[12], b[13], b[14], b[15]}));
                } catch (UnknownHostException e) {
                    return true;
                }
            }
            int first16 = (b[0] & 0xff) << 8 | b[1] & 0xff;
            int second16 = (b[2] & 0xff) << 8 | b[3] & 0xff;
            boolean globalUnicast = (b[0] & 0xe0) == 0x20;
            return !globalUnicast
                    || first16 == 0x2001 && second16 < 0x0200
                    || first16 == 0x2001 && second16 == 0x0db8
                    || first16 == 0x2002
                    || first16 == 0x3fff && (second16 & 0xf000) == 0;
        }
        int first = b[0] & 0xff;
        int second = b[1] & 0xff;
        int third = b[2] & 0xff;
        return first == 0 || first == 10 || first == 127 || first >= 224
                || first == 100 && second >= 64 && second <= 127
                || first == 169 && second == 254
                || first == 172 && second >= 16 && second <= 31
                || first == 192 && second == 168
                || first == 192 && second == 0 && (third == 0 || third == 2)
                || first == 192 && second == 88 && third == 99
                || first == 198 && (second == 18 || second == 19)
                || first == 198 && second == 51 && third == 100
                || first == 203 && second == 0 && third == 113;
    }

    private static boolean isIpv4Mapped(byte[] b) {
        for (int i = 0; i < 10; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        return (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff;
    }
}
