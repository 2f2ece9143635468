package io.smecredit.portal.web;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import java.net.URI;
import java.util.Locale;
import java.util.Optional;

/**
 * A form that changes something is accepted only from the portal's own pages. Browsers name the page a POST comes from
 * in {@code Origin}; one from another origin (another site, another port of the same host, a sibling subdomain) is
 * refused before the CSRF check, which on its own trusts a cookie such a page may be able to set. A POST without
 * {@code Origin} is refused too: every browser the portal serves sends it with a form, so its absence means the
 * request did not come from one of the portal's pages (or from a browser at all).
 */
public class SameOriginForms {

    private final Optional<String> publicUrl;

    /**
     * @param publicUrl where owners open the portal when a proxy in front of it changes the Host header (e.g.
     *                  {@code https://portal.example}); without it, the Origin must name the host the request reached
     */
    public SameOriginForms(@ConfigProperty(name = "portal.public-url") Optional<String> publicUrl) {
        this.publicUrl = publicUrl.map(String::strip).filter(url -> !url.isEmpty());
    }

    @ServerRequestFilter(preMatching = true)
    public Response refuseForeignForms(ContainerRequestContext request) {
        if (!"POST".equals(request.getMethod())) {
            return null;
        }
        String origin = request.getHeaderString("Origin");
        if (origin == null) {
            return Response.status(403).type(ErrorPages.HTML).entity(ErrorPages.formNotAccepted("This form did not "
                    + "say which page it came from, as browsers do, so nothing was changed. Open the SME portal in "
                    + "your browser and try again.")).build();
        }
        if (publicUrl.isPresent()
                ? sameOrigin(origin, URI.create(publicUrl.get()).getAuthority())
                : sameOrigin(origin, request.getHeaderString(HttpHeaders.HOST))) {
            return null;
        }
        return Response.status(403).type(ErrorPages.HTML).entity(ErrorPages.formNotAccepted("This form was sent from "
                + "another website, so nothing was changed. Open the SME portal itself and try again.")).build();
    }

    /** Whether the Origin names the host (and port) the request was sent to; "null" and malformed ones do not. */
    static boolean sameOrigin(String origin, String host) {
        if (host == null) {
            return false;
        }
        try {
            URI uri = URI.create(origin);
            if (uri.getHost() == null) {
                return false;
            }
            String authority = uri.getPort() < 0 ? uri.getHost() : uri.getHost() + ":" + uri.getPort();
            return authority.toLowerCase(Locale.ROOT).equals(withoutDefaultPort(host, uri.getScheme()));
        } catch (IllegalArgumentException malformed) {
            return false;
        }
    }

    private static String withoutDefaultPort(String host, String scheme) {
        String lower = host.strip().toLowerCase(Locale.ROOT);
        String defaultPort = "https".equalsIgnoreCase(scheme) ? ":443" : ":80";
        return lower.endsWith(defaultPort) ? lower.substring(0, lower.length() - defaultPort.length()) : lower;
    }
}
