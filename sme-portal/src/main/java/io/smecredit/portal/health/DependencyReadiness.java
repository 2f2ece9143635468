package io.smecredit.portal.health;

import io.smallrye.health.api.AsyncHealthCheck;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * Ready only while both things every page needs answer: Keycloak (to sign owners in) and loan-service (which
 * holds the consents). Without either, a page could only show an error, so the instance should get no traffic.
 */
final class DependencyReadiness {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private DependencyReadiness() {
    }

    static Uni<HealthCheckResponse> probe(String name, String url) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(3)).GET().build();
        return Uni.createFrom().completionStage(() -> HTTP.sendAsync(request, HttpResponse.BodyHandlers.discarding()))
                .map(response -> HealthCheckResponse.named(name)
                        .status(response.statusCode() == 200)
                        .withData("url", url)
                        .withData("status", response.statusCode())
                        .build())
                .onFailure().recoverWithItem(failure -> HealthCheckResponse.named(name)
                        .down()
                        .withData("url", url)
                        .withData("error", failure.toString())
                        .build());
    }

    @Readiness
    @ApplicationScoped
    static class IdentityProvider implements AsyncHealthCheck {

        private final String discovery;

        IdentityProvider(@ConfigProperty(name = "quarkus.oidc.auth-server-url") String authServerUrl) {
            this.discovery = authServerUrl.replaceAll("/+$", "") + "/.well-known/openid-configuration";
        }

        @Override
        public Uni<HealthCheckResponse> call() {
            return probe("identity-provider", discovery);
        }
    }

    @Readiness
    @ApplicationScoped
    static class LoanService implements AsyncHealthCheck {

        private final String health;

        LoanService(@ConfigProperty(name = "quarkus.rest-client.loan.url") String loanUrl) {
            // Its public liveness answer on the API port the portal calls (health itself is on loan-service's management
            // port), and not its readiness: loan-service being briefly unready must not take the portal out as well.
            this.health = loanUrl.replaceAll("/+$", "") + "/api/v1/ping";
        }

        @Override
        public Uni<HealthCheckResponse> call() {
            return probe("loan-service", health);
        }
    }
}
