package io.smecredit.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesResource;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.lang.reflect.Method;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Checks the manifests without a cluster: every document must be a known Kubernetes kind with no unknown field
 * (a typo such as {@code readinesProbe} would otherwise be dropped silently by the API server), and every
 * service must carry the probes, limits and disruption budget the operations guide promises.
 */
class ManifestsTest {

    private static final Path ROOT = Path.of(System.getProperty("manifests.dir", "."));
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final KubernetesSerialization KUBERNETES = new KubernetesSerialization();
    private static final List<String> SERVICES = List.of("ingestion-service", "scoring-service", "loan-service",
            "sme-portal");
    /** The services with a database of their own (the portal keeps nothing: its session is an encrypted cookie). */
    private static final List<String> WITH_DATABASE = List.of("ingestion-service", "scoring-service", "loan-service");

    /** The longest a readiness check waits for a dependency's answer (IdentityProviderReadiness, the portal's). */
    private static final int DEPENDENCY_CHECK_SECONDS = 3;

    private static List<HasMetadata> base;

    @BeforeAll
    static void readBase() throws IOException {
        base = new ArrayList<>();
        for (String resource : kustomizationResources(ROOT.resolve("base"))) {
            for (JsonNode document : documents(ROOT.resolve("base").resolve(resource))) {
                base.add(strictlyParsed(document, resource));
            }
        }
    }

    @Test
    void everyServiceHasAWorkloadServiceAndDisruptionBudget() {
        for (String name : SERVICES) {
            assertThat(find(Service.class, name)).as("Service %s", name).isNotNull();
            PodDisruptionBudget budget = find(PodDisruptionBudget.class, name);
            assertThat(budget.getSpec().getSelector().getMatchLabels())
                    .isEqualTo(workloadSelector(name).getMatchLabels());
            // Readiness follows Kafka, PostgreSQL and Keycloak: while one is down, unready pods must stay evictable.
            assertThat(budget.getSpec().getUnhealthyPodEvictionPolicy()).as("%s unhealthyPodEvictionPolicy", name)
                    .isEqualTo("AlwaysAllow");
        }
    }

    @Test
    void eachIngestionInstanceKeepsItsOwnMqttSessionAcrossRestarts() {
        // The broker keeps unacknowledged messages per client id: the id must be the instance's, and stable.
        StatefulSet ingestion = find(StatefulSet.class, "ingestion-service");
        assertThat(ingestion).as("ingestion-service must be a StatefulSet (stable pod names)").isNotNull();
        assertThat(find(Deployment.class, "ingestion-service")).isNull();
        // Its governing Service is headless (per-pod DNS names); clients keep the ClusterIP Service.
        assertThat(ingestion.getSpec().getServiceName()).isEqualTo("ingestion-service-headless");
        Service governing = find(Service.class, "ingestion-service-headless");
        assertThat(governing).as("headless Service ingestion-service-headless").isNotNull();
        assertThat(governing.getSpec().getClusterIP()).isEqualTo("None");
        assertThat(governing.getSpec().getSelector()).isEqualTo(ingestion.getSpec().getSelector().getMatchLabels());
        assertThat(find(Service.class, "ingestion-service").getSpec().getClusterIP()).isNull();
        assertThat(ingestion.getSpec().getTemplate().getSpec().getContainers().get(0).getEnv())
                .anySatisfy(env -> {
                    assertThat(env.getName()).isEqualTo("MQTT_CLIENT_ID");
                    assertThat(env.getValueFrom().getFieldRef().getFieldPath()).isEqualTo("metadata.name");
                });
    }

    @Test
    void ingestionIsToldWhereTheMqttBrokerIsAndLogsInFromASecret() {
        // Its readiness includes the broker connection: without these it would try 127.0.0.1 and never be ready.
        assertThat(find(ConfigMap.class, "platform-config").getData()).containsKeys("MQTT_HOST", "MQTT_PORT");
        List<EnvVar> env = podTemplate("ingestion-service").getSpec().getContainers().get(0).getEnv();
        for (String credential : List.of("MQTT_USERNAME", "MQTT_PASSWORD")) {
            assertThat(env).as(credential).anySatisfy(variable -> {
                assertThat(variable.getName()).isEqualTo(credential);
                assertThat(variable.getValueFrom().getSecretKeyRef().getName()).isEqualTo("ingestion-mqtt");
            });
        }
    }

    @Test
    void containersUseTheHealthEndpointsAndHaveMemoryLimits() {
        for (String name : SERVICES) {
            Container container = podTemplate(name).getSpec().getContainers().get(0);
            assertThat(container.getLivenessProbe().getHttpGet().getPath()).isEqualTo("/q/health/live");
            assertThat(container.getReadinessProbe().getHttpGet().getPath()).isEqualTo("/q/health/ready");
            assertThat(container.getStartupProbe().getHttpGet().getPath()).isEqualTo("/q/health/started");
            // Health lives on the management port, which the ingress controller cannot reach (only 8080, below).
            for (var probe : List.of(container.getLivenessProbe(), container.getReadinessProbe(),
                    container.getStartupProbe())) {
                assertThat(probe.getHttpGet().getPort().getStrVal()).isEqualTo("management");
            }
            assertThat(container.getPorts()).anySatisfy(port -> {
                assertThat(port.getName()).isEqualTo("management");
                assertThat(port.getContainerPort()).isEqualTo(9000);
            });
            assertThat(container.getEnv()).anySatisfy(env -> {
                assertThat(env.getName()).isEqualTo("MANAGEMENT_PORT");
                assertThat(env.getValue()).isEqualTo("9000");
            });
            assertThat(podTemplate(name).getMetadata().getAnnotations()).containsEntry("prometheus.io/port", "9000");
            assertThat(container.getResources().getLimits()).containsKey("memory");
            assertThat(container.getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
            if (WITH_DATABASE.contains(name)) {
                assertThat(container.getEnv()).anySatisfy(env -> assertThat(env.getName()).isEqualTo("DB_PASSWORD"));
            }
        }
    }

    @Test
    void everyProbeWaitsLongerThanTheChecksBehindIt() {
        // Without timeoutSeconds Kubernetes gives a probe 1 s, less than the readiness checks allow a dependency
        // (Keycloak, and for the portal loan-service: 2 s to connect, 3 s to answer): a slow dependency would then fail
        // the probe instead of the check, on every replica at once.
        for (String name : SERVICES) {
            Container container = podTemplate(name).getSpec().getContainers().get(0);
            Map<String, Probe> probes = Map.of("startup", container.getStartupProbe(),
                    "liveness", container.getLivenessProbe(), "readiness", container.getReadinessProbe());
            probes.forEach((kind, probe) -> assertThat(probe.getTimeoutSeconds())
                    .as("%s %s probe timeoutSeconds", name, kind).isNotNull().isGreaterThanOrEqualTo(3));
            assertThat(container.getReadinessProbe().getTimeoutSeconds()).as("%s readiness probe timeoutSeconds", name)
                    .isGreaterThan(DEPENDENCY_CHECK_SECONDS);
        }
    }

    @Test
    void podsKeepServingWhileTheirEndpointIsWithdrawnAndThenShutDownGracefully() throws IOException {
        for (String name : SERVICES) {
            PodTemplateSpec template = podTemplate(name);
            Container container = template.getSpec().getContainers().get(0);
            // Routers learn of a terminating pod seconds after it got SIGTERM: the hook delays SIGTERM meanwhile.
            assertThat(container.getLifecycle()).as("%s lifecycle", name).isNotNull();
            List<String> command = container.getLifecycle().getPreStop().getExec().getCommand();
            assertThat(command).as("%s preStop", name).hasSize(2).startsWith("sleep");
            int preStopSeconds = Integer.parseInt(command.get(1));
            assertThat(preStopSeconds).as("%s preStop seconds", name).isBetween(3, 15);
            // The grace period runs from the start of preStop: the hook, then Quarkus's graceful shutdown, with room.
            long shutdownSeconds = shutdownTimeout(name).toSeconds();
            assertThat(template.getSpec().getTerminationGracePeriodSeconds()).as("%s terminationGracePeriodSeconds", name)
                    .isGreaterThanOrEqualTo(preStopSeconds + shutdownSeconds + 10);
        }
    }

    @Test
    void theLoanServiceSealsWebhookSecretsWithAKeyFromASecretNotThePublicDevelopmentKey() {
        assertThat(podTemplate("loan-service").getSpec().getContainers().get(0).getEnv()).anySatisfy(variable -> {
            assertThat(variable.getName()).isEqualTo("LOAN_WEBHOOK_SECRET_KEY");
            assertThat(variable.getValueFrom().getSecretKeyRef().getName()).isEqualTo("loan-webhook");
        });
        // The previous keys of a rotation come from the same Secret, and only when it has them.
        assertThat(podTemplate("loan-service").getSpec().getContainers().get(0).getEnv()).anySatisfy(variable -> {
            assertThat(variable.getName()).isEqualTo("LOAN_WEBHOOK_PREVIOUS_SECRET_KEYS");
            assertThat(variable.getValueFrom().getSecretKeyRef().getName()).isEqualTo("loan-webhook");
            assertThat(variable.getValueFrom().getSecretKeyRef().getOptional()).isTrue();
        });
    }

    @Test
    void thePortalGetsItsSecretsFromASecretAndMayCallTheLoanServiceOnly() {
        List<EnvVar> env = podTemplate("sme-portal").getSpec().getContainers().get(0).getEnv();
        // The same keys on every replica: a session cookie made by one must be readable by the others.
        for (String secret : List.of("PORTAL_CLIENT_SECRET", "PORTAL_STATE_SECRET", "PORTAL_SESSION_SECRET")) {
            assertThat(env).as(secret).anySatisfy(variable -> {
                assertThat(variable.getName()).isEqualTo(secret);
                assertThat(variable.getValueFrom().getSecretKeyRef().getName()).isEqualTo("sme-portal");
            });
        }
        assertThat(find(ConfigMap.class, "platform-config").getData()).containsEntry("PORTAL_SECURE_COOKIES", "true");
        // loan-service by the Service's short name (no namespace baked in), on a port the Service serves.
        URI loanUrl = URI.create(env.stream().filter(variable -> variable.getName().equals("LOAN_URL")).findFirst()
                .orElseThrow().getValue());
        assertThat(loanUrl.getHost()).isEqualTo("loan-service");
        int loanPort = loanUrl.getPort() < 0 ? 80 : loanUrl.getPort();
        assertThat(find(Service.class, "loan-service").getSpec().getPorts())
                .anySatisfy(port -> assertThat(port.getPort()).isEqualTo(loanPort));
        NetworkPolicy portalToLoan = find(NetworkPolicy.class, "allow-portal-to-loan");
        assertThat(portalToLoan.getSpec().getPodSelector().getMatchLabels())
                .containsEntry("app.kubernetes.io/name", "loan-service");
        assertThat(portalToLoan.getSpec().getIngress().get(0).getFrom().get(0).getPodSelector().getMatchLabels())
                .containsEntry("app.kubernetes.io/name", "sme-portal");
        assertThat(find(NetworkPolicy.class, "allow-ingress-controller").getSpec().getIngress())
                .flatExtracting(rule -> rule.getPorts()).extracting(port -> port.getPort().getIntVal())
                .containsExactly(8080);
        assertThat(find(NetworkPolicy.class, "allow-ingress-controller").getSpec().getPodSelector()
                .getMatchExpressions().get(0).getValues()).contains("sme-portal");
    }

    @Test
    void podsRunAsNonRoot() {
        for (String name : SERVICES) {
            assertThat(podTemplate(name).getSpec().getSecurityContext().getRunAsNonRoot())
                    .as(name).isTrue();
            // None calls the Kubernetes API (no client in any module): a mounted token would only be there to steal.
            assertThat(podTemplate(name).getSpec().getAutomountServiceAccountToken())
                    .as("%s automountServiceAccountToken", name).isFalse();
        }
    }

    @Test
    void ingressIsDeniedByDefaultAndTheBaseHoldsNoSecrets() {
        NetworkPolicy denyAll = find(NetworkPolicy.class, "default-deny-ingress");
        assertThat(denyAll.getSpec().getPodSelector().getMatchLabels()).isNullOrEmpty();
        assertThat(denyAll.getSpec().getIngress()).isNullOrEmpty();
        assertThat(base).noneMatch(resource -> resource instanceof Secret);
    }

    @Test
    void onlyTheDevOverlayHasSecretsAndEachIsLabelledDevOnly() throws IOException {
        List<Secret> devSecrets = rendered("dev", Secret.class);
        assertThat(devSecrets).isNotEmpty().allSatisfy(secret -> assertThat(secret.getMetadata().getLabels())
                .as("labels of dev Secret %s", secret.getMetadata().getName())
                .containsEntry("sme-credit/dev-only", "true"));
        assertThat(rendered("production", Secret.class)).as("production Secrets come from the secret manager").isEmpty();
    }

    @Test
    void productionRefusesUnboundGatewaysAndServesNoDemoBanks() throws IOException {
        Map<String, String> config = configLiterals(ROOT.resolve("overlays/production"), "platform-config");
        assertThat(config).as("production platform-config literals")
                .containsKeys("INGESTION_UNBOUND_GATEWAY_SMES", "LOAN_BANKS", "PORTAL_BANKS");
        // The ingestion service reads the pattern from this variable, from platform-config (envFrom) unless the
        // container sets it itself.
        assertThat(applicationProperties("ingestion-service").getProperty("ingestion.gateway.unbound-sme-ids"))
                .startsWith("${INGESTION_UNBOUND_GATEWAY_SMES:");
        assertThat(podTemplate("ingestion-service").getSpec().getContainers().get(0).getEnv())
                .noneMatch(variable -> variable.getName().equals("INGESTION_UNBOUND_GATEWAY_SMES"));
        // A gateway token without sme_id may write for SMEs whose id matches it (SmeScope.demoSmes): here, none.
        Pattern unbound = Pattern.compile(config.get("INGESTION_UNBOUND_GATEWAY_SMES"));
        for (String smeId : List.of("sme-001", "sme-1", "it-mqtt", "acme-gmbh", "")) {
            assertThat(unbound.matcher(smeId).matches()).as("unbound gateway may write for %s", smeId).isFalse();
        }
        // The bank lists are set (unset, both services serve the demo's bank-a and bank-b) and name the same banks.
        assertThat(applicationProperties("loan-service").getProperty("loan.banks")).startsWith("${LOAN_BANKS:");
        assertThat(applicationProperties("sme-portal").getProperty("portal.banks")).startsWith("${PORTAL_BANKS:");
        List<String> loanBanks = bankIds(config.get("LOAN_BANKS"));
        assertThat(loanBanks).isNotEmpty().doesNotContain("bank-a", "bank-b");
        assertThat(bankIds(config.get("PORTAL_BANKS"))).isEqualTo(loanBanks);
        assertThat(config.get("LOAN_BANKS") + config.get("PORTAL_BANKS")).doesNotContain("Demo Bank");
    }

    @Test
    void eachOverlayCreatesTheNamespaceAndPutsEveryNamespacedResourceInIt() throws IOException {
        // Without the overlay's own namespace, the Secrets its generators make had none and went to kubectl's current
        // namespace, while the pods (namespaced by the base) waited for them in sme-credit.
        try (Stream<Path> overlays = Files.list(ROOT.resolve("overlays"))) {
            for (Path overlay : overlays.toList()) {
                List<ObjectNode> rendered = render(overlay);
                assertThat(rendered).as("%s renders", overlay.getFileName()).isNotEmpty();
                // ... and creates it: `kubectl apply -k` on an empty cluster fails without it.
                assertThat(rendered).as("%s creates Namespace sme-credit", overlay.getFileName())
                        .anyMatch(document -> isResource(document, "Namespace", "sme-credit"));
                for (ObjectNode document : rendered) {
                    if (!CLUSTER_SCOPED.contains(document.path("kind").asText())) {
                        assertThat(document.path("metadata").path("namespace").asText())
                                .as("%s: namespace of %s %s", overlay.getFileName(), document.path("kind").asText(),
                                        document.path("metadata").path("name").asText())
                                .isEqualTo("sme-credit");
                    }
                }
            }
        }
    }

    @Test
    void inDevTheServicesReachTheKeycloakAndMosquittoItPointsThemAt() throws IOException {
        // The dev overlay points every service at a Keycloak and a Mosquitto in sme-credit itself, where the base's
        // default-deny-ingress covers them too: a policy must admit the services' pods (by the labels their
        // templates really carry) on the ports the addresses name. The brokers' pods are labelled as README says.
        List<NetworkPolicy> policies = rendered("dev", NetworkPolicy.class);
        Map<String, String> devConfig = configLiterals(ROOT.resolve("overlays/dev"), "platform-config");
        Map<String, String> config = new LinkedHashMap<>(find(ConfigMap.class, "platform-config").getData());
        config.putAll(devConfig);
        URI keycloak = URI.create(config.get("KEYCLOAK_URL"));
        assertThat(keycloak.getHost()).isEqualTo("keycloak.sme-credit.svc");
        assertThat(config.get("MQTT_HOST")).isEqualTo("mosquitto.sme-credit.svc");
        assertAdmitted(policies, Map.of("app.kubernetes.io/name", "keycloak"), keycloak.getPort(), SERVICES);
        assertAdmitted(policies, Map.of("app.kubernetes.io/name", "mosquitto"),
                Integer.parseInt(config.get("MQTT_PORT")), List.of("ingestion-service"));
        // Only in dev: in production both run outside the namespace.
        assertThat(base).filteredOn(NetworkPolicy.class::isInstance).map(NetworkPolicy.class::cast)
                .map(policy -> policy.getSpec().getPodSelector().getMatchLabels())
                .noneMatch(labels -> labels != null
                        && (labels.containsValue("keycloak") || labels.containsValue("mosquitto")));
    }

    /** Some policy lets each named service's pods reach pods with {@code target} labels on {@code port}. */
    private static void assertAdmitted(List<NetworkPolicy> policies, Map<String, String> target, int port,
            List<String> services) {
        for (String service : services) {
            Map<String, String> from = podTemplate(service).getMetadata().getLabels();
            assertThat(policies).as("a policy admitting %s to %s on %d", service, target, port).anySatisfy(policy -> {
                assertThat(selects(policy.getSpec().getPodSelector(), target)).isTrue();
                assertThat(policy.getSpec().getIngress()).anySatisfy(rule -> {
                    assertThat(rule.getFrom()).anySatisfy(peer -> {
                        assertThat(peer.getNamespaceSelector()).isNull();
                        assertThat(selects(peer.getPodSelector(), from)).isTrue();
                    });
                    assertThat(rule.getPorts()).anySatisfy(rulePort -> {
                        assertThat(rulePort.getPort().getIntVal()).isEqualTo(port);
                        assertThat(rulePort.getProtocol()).isIn(null, "TCP");
                    });
                });
            });
        }
    }

    /** Whether the selector selects an object with these labels (null selects nothing, empty everything). */
    private static boolean selects(LabelSelector selector, Map<String, String> labels) {
        if (selector == null) {
            return false;
        }
        Map<String, String> matchLabels = selector.getMatchLabels() == null ? Map.of() : selector.getMatchLabels();
        if (!labels.entrySet().containsAll(matchLabels.entrySet())) {
            return false;
        }
        return selector.getMatchExpressions() == null || selector.getMatchExpressions().stream().allMatch(expression -> {
            String value = labels.get(expression.getKey());
            return switch (expression.getOperator()) {
                case "In" -> value != null && expression.getValues().contains(value);
                case "NotIn" -> value == null || !expression.getValues().contains(value);
                case "Exists" -> value != null;
                case "DoesNotExist" -> value == null;
                default -> throw new IllegalArgumentException(expression.getOperator());
            };
        });
    }

    @Test
    void behindTlsThePortalSendsKeycloakItsHttpsRedirectUri() throws IOException {
        // The ingress ends TLS: the portal sees http, and Quarkus OIDC builds redirect_uri from the request's scheme,
        // so Keycloak would refuse the sign-in (the https address is the registered one). Wherever the portal's cookies
        // are Secure (served over TLS), the redirect must be https too; dev serves plain http and needs neither.
        assertThat(applicationProperties("sme-portal").stringPropertyNames())
                .as("the portal's own setting, which the manifests would then use instead")
                .doesNotContain("quarkus.oidc.authentication.force-redirect-https-scheme");
        for (String overlay : List.of("production", "dev")) {
            Map<String, String> config = new LinkedHashMap<>(find(ConfigMap.class, "platform-config").getData());
            config.putAll(configLiterals(ROOT.resolve("overlays").resolve(overlay), "platform-config"));
            EnvVar force = podTemplate("sme-portal").getSpec().getContainers().get(0).getEnv().stream()
                    .filter(variable -> variable.getName().equals("QUARKUS_OIDC_AUTHENTICATION_FORCE_REDIRECT_HTTPS_SCHEME"))
                    .findFirst().orElse(null);
            assertThat(force).as("QUARKUS_OIDC_AUTHENTICATION_FORCE_REDIRECT_HTTPS_SCHEME on the portal").isNotNull();
            String value = force.getValue() != null ? force.getValue()
                    : config.get(force.getValueFrom().getConfigMapKeyRef().getKey());
            if (force.getValueFrom() != null) {
                assertThat(force.getValueFrom().getConfigMapKeyRef().getName()).isEqualTo("platform-config");
            }
            assertThat(value).as("%s: forced https redirect", overlay).isEqualTo(config.get("PORTAL_SECURE_COOKIES"));
        }
        assertThat(configLiterals(ROOT.resolve("overlays/production"), "platform-config"))
                .doesNotContainKey("PORTAL_SECURE_COOKIES");
    }

    @Test
    void productionPullsEveryImageFromARegistryOfItsOwnNotDockerHub() throws IOException {
        // The base's sme-credit/<service>:0.1.0 names no registry: a node pulls it from docker.io.
        List<String> images = new ArrayList<>();
        for (Deployment deployment : rendered("production", Deployment.class)) {
            deployment.getSpec().getTemplate().getSpec().getContainers().forEach(c -> images.add(c.getImage()));
        }
        for (StatefulSet statefulSet : rendered("production", StatefulSet.class)) {
            statefulSet.getSpec().getTemplate().getSpec().getContainers().forEach(c -> images.add(c.getImage()));
        }
        assertThat(images).hasSize(SERVICES.size());
        for (String image : images) {
            // Docker's rule: the first path component is a registry host only if it has a '.' or ':' (or is localhost).
            String first = image.substring(0, Math.max(image.indexOf('/'), 0));
            assertThat(first.contains(".") || first.contains(":") || first.equals("localhost"))
                    .as("%s names a registry", image).isTrue();
            assertThat(first).as(image).isNotIn("docker.io", "index.docker.io", "registry-1.docker.io");
        }
    }

    @Test
    void theDocumentsGiveTheIngestionDrainAndThePortsAsTheServicesHaveThem() throws IOException {
        // The grace period's arithmetic is written next to it and in the README: the MQTT drain is the code's.
        long drainSeconds = duration("ingestion-service", "ingestion.mqtt.drain-timeout").toSeconds();
        for (Path file : List.of(ROOT.resolve("README.md"), ROOT.resolve("base/ingestion-service.yaml"))) {
            // "drains its MQTT intake (up to 5 s", "the MQTT intake's drain (up to 5 s", comments joined across lines.
            Matcher stated = Pattern.compile("drain\\w*[^.(]{0,40}\\(up to (\\d+) s")
                    .matcher(Files.readString(file).replaceAll("\\s*#?\\s*\\n\\s*#?\\s*", " "));
            assertThat(stated.find()).as("%s states the MQTT drain", file.getFileName()).isTrue();
            do {
                assertThat(Long.parseLong(stated.group(1))).as("%s: MQTT drain seconds", file.getFileName())
                        .isEqualTo(drainSeconds);
            } while (stated.find());
        }
        long preStop = Long.parseLong(podTemplate("ingestion-service").getSpec().getContainers().get(0).getLifecycle()
                .getPreStop().getExec().getCommand().get(1));
        assertThat(podTemplate("ingestion-service").getSpec().getTerminationGracePeriodSeconds())
                .isGreaterThanOrEqualTo(preStop + shutdownTimeout("ingestion-service").toSeconds() + drainSeconds + 10);
        // Each service's HTTP port variable (the portal's is PORTAL_PORT, not HTTP_PORT) is the one its container
        // sets, and the README names it.
        String readme = Files.readString(ROOT.resolve("README.md"));
        for (String name : SERVICES) {
            Matcher port = Pattern.compile("^\\$\\{(\\w+):").matcher(applicationProperties(name).getProperty("quarkus.http.port"));
            assertThat(port.find()).as("%s quarkus.http.port reads a variable", name).isTrue();
            assertThat(podTemplate(name).getSpec().getContainers().get(0).getEnv())
                    .anySatisfy(variable -> {
                        assertThat(variable.getName()).isEqualTo(port.group(1));
                        assertThat(variable.getValue()).isEqualTo("8080");
                    });
            assertThat(readme).as("README names %s's %s", name, port.group(1)).contains("`" + port.group(1) + "`");
        }
    }

    @Test
    void overlaysOnlyReferToExistingFilesAndPatchWellFormedPaths() throws IOException {
        try (Stream<Path> overlays = Files.list(ROOT.resolve("overlays"))) {
            for (Path overlay : overlays.toList()) {
                JsonNode kustomization = YAML.readTree(overlay.resolve("kustomization.yaml").toFile());
                for (JsonNode resource : kustomization.path("resources")) {
                    assertThat(overlay.resolve(resource.asText()).normalize()).as("%s resource", overlay).exists();
                }
                for (JsonNode patch : kustomization.path("patches")) {
                    JsonNode operations = YAML.readTree(patch.path("patch").asText());
                    assertThat(operations).isInstanceOf(ArrayNode.class);
                    for (JsonNode operation : operations) {
                        assertThat(operation.path("op").asText()).isIn("add", "replace", "remove");
                        assertThat(operation.path("path").asText()).startsWith("/spec/");
                    }
                }
            }
        }
    }

    /**
     * What {@code kubectl kustomize} makes of a kustomization, as far as these tests look: the documents of its
     * resources (directories rendered the same way, files parsed strictly like the base's), the ConfigMaps and Secrets
     * its generators add (kind, name and labels only; a {@code merge} adds the labels to the existing one), then its
     * {@code namespace}, {@code labels} and {@code images}. Patches are not applied. Read from the files, no
     * kustomize needed; the namespace is set on every namespaced kind, overriding what a base set, as kustomize does.
     */
    private static List<ObjectNode> render(Path dir) throws IOException {
        JsonNode kustomization = YAML.readTree(dir.resolve("kustomization.yaml").toFile());
        List<ObjectNode> rendered = new ArrayList<>();
        for (JsonNode resource : kustomization.path("resources")) {
            Path path = dir.resolve(resource.asText()).normalize();
            if (Files.isDirectory(path)) {
                rendered.addAll(render(path));
                continue;
            }
            for (JsonNode document : documents(path)) {
                strictlyParsed(document, path.toString());
                rendered.add((ObjectNode) document.deepCopy());
            }
        }
        JsonNode options = kustomization.path("generatorOptions");
        for (String generators : List.of("configMapGenerator", "secretGenerator")) {
            String kind = generators.equals("configMapGenerator") ? "ConfigMap" : "Secret";
            for (JsonNode generator : kustomization.path(generators)) {
                String name = generator.path("name").asText();
                ObjectNode generated = rendered.stream().filter(document -> isResource(document, kind, name))
                        .findFirst().orElse(null);
                if (generated == null || !generator.path("behavior").asText("create").equals("merge")) {
                    generated = YAML.createObjectNode().put("apiVersion", "v1").put("kind", kind);
                    generated.putObject("metadata").put("name", name);
                    if (generator.hasNonNull("namespace")) {
                        ((ObjectNode) generated.get("metadata")).put("namespace", generator.get("namespace").asText());
                    }
                    rendered.add(generated);
                }
                addLabels(generated, options.path("labels"));
                addLabels(generated, generator.path("options").path("labels"));
            }
        }
        for (JsonNode pairs : kustomization.path("labels")) {
            rendered.forEach(document -> addLabels(document, pairs.path("pairs")));
        }
        if (kustomization.hasNonNull("namespace")) {
            for (ObjectNode document : rendered) {
                if (!CLUSTER_SCOPED.contains(document.path("kind").asText())) {
                    ((ObjectNode) document.get("metadata")).put("namespace", kustomization.get("namespace").asText());
                }
            }
        }
        for (JsonNode image : kustomization.path("images")) {
            for (ObjectNode document : rendered) {
                for (JsonNode container : document.path("spec").path("template").path("spec").path("containers")) {
                    String reference = container.path("image").asText();
                    // name[:tag|@digest]; a registry's host:port has its colon before the last slash.
                    int slash = reference.lastIndexOf('/');
                    int at = reference.indexOf('@');
                    int colon = reference.indexOf(':', slash + 1);
                    int end = at >= 0 ? at : colon >= 0 ? colon : reference.length();
                    if (!reference.substring(0, end).equals(image.path("name").asText())) {
                        continue;
                    }
                    String name = image.path("newName").asText(reference.substring(0, end));
                    String suffix = image.hasNonNull("digest") ? "@" + image.get("digest").asText()
                            : image.hasNonNull("newTag") ? ":" + image.get("newTag").asText()
                            : reference.substring(end);
                    ((ObjectNode) container).put("image", name + suffix);
                }
            }
        }
        return rendered;
    }

    /** The kinds a kustomization's {@code namespace} leaves alone (those these manifests may use). */
    private static final Set<String> CLUSTER_SCOPED = Set.of("Namespace", "ClusterRole", "ClusterRoleBinding",
            "PersistentVolume", "StorageClass", "PriorityClass", "CustomResourceDefinition");

    private static boolean isResource(JsonNode document, String kind, String name) {
        return document.path("kind").asText().equals(kind) && document.path("metadata").path("name").asText().equals(name);
    }

    private static void addLabels(JsonNode document, JsonNode labels) {
        if (labels.isObject() && !labels.isEmpty()) {
            ObjectNode metadata = (ObjectNode) document.get("metadata");
            ObjectNode existing = metadata.has("labels") ? (ObjectNode) metadata.get("labels") : metadata.putObject("labels");
            labels.fields().forEachRemaining(label -> existing.put(label.getKey(), label.getValue().asText()));
        }
    }

    /** The rendered overlay's documents of the kind, parsed with fabric8. */
    private static <T extends HasMetadata> List<T> rendered(String overlay, Class<T> kind) throws IOException {
        return render(ROOT.resolve("overlays").resolve(overlay)).stream()
                .map(document -> KUBERNETES.convertValue(document, KubernetesResource.class))
                .filter(kind::isInstance).map(kind::cast).toList();
    }

    /** The document as fabric8's model, failing on an unknown kind or field. */
    private static HasMetadata strictlyParsed(JsonNode document, String source) {
        KubernetesResource parsed = KUBERNETES.convertValue(document, KubernetesResource.class);
        assertThat(parsed).as("%s: kind %s", source, document.path("kind").asText())
                .isNotInstanceOf(GenericKubernetesResource.class);
        List<String> unknown = new ArrayList<>();
        collectUnknownFields(parsed, document.path("kind").asText(), unknown, new IdentityHashMap<>());
        assertThat(unknown).as("unknown fields in %s", source).isEmpty();
        return (HasMetadata) parsed;
    }

    /** The literals an overlay's configMapGenerator gives the named ConfigMap, read from its kustomization.yaml. */
    private static Map<String, String> configLiterals(Path overlay, String configMap) throws IOException {
        Map<String, String> literals = new LinkedHashMap<>();
        for (JsonNode generator : YAML.readTree(overlay.resolve("kustomization.yaml").toFile()).path("configMapGenerator")) {
            if (generator.path("name").asText().equals(configMap)) {
                for (JsonNode literal : generator.path("literals")) {
                    String text = literal.asText();
                    int eq = text.indexOf('=');
                    literals.put(text.substring(0, eq), text.substring(eq + 1));
                }
            }
        }
        return literals;
    }

    /** The ids of a LOAN_BANKS / PORTAL_BANKS value: comma-separated {@code id} or {@code id=Display name}. */
    private static List<String> bankIds(String banks) {
        assertThat(banks).as("bank list").isNotBlank();
        return Stream.of(banks.split(",")).map(String::trim).filter(entry -> !entry.isEmpty())
                .map(entry -> entry.contains("=") ? entry.substring(0, entry.indexOf('=')).trim() : entry).toList();
    }

    /** A service's application.properties, from its module next to deploy/. */
    private static Properties applicationProperties(String service) throws IOException {
        Path file = ROOT.resolve("../..").resolve(service).resolve("src/main/resources/application.properties").normalize();
        Properties properties = new Properties();
        try (var reader = Files.newBufferedReader(file)) {
            properties.load(reader);
        }
        return properties;
    }

    /** The service's {@code quarkus.shutdown.timeout} (how long Quarkus waits for running requests on SIGTERM). */
    private static Duration shutdownTimeout(String service) throws IOException {
        return duration(service, "quarkus.shutdown.timeout");
    }

    /** A duration property of the service's application.properties. */
    private static Duration duration(String service, String property) throws IOException {
        String value = applicationProperties(service).getProperty(property);
        assertThat(value).as("%s of %s", property, service).isNotNull();
        // Quarkus durations: a number of seconds with a unit ("10s", "1m") or ISO-8601 ("PT10S").
        Matcher simple = Pattern.compile("(\\d+)(ms|s|m|h)").matcher(value.trim());
        if (!simple.matches()) {
            return Duration.parse(value.trim());
        }
        long amount = Long.parseLong(simple.group(1));
        return switch (simple.group(2)) {
            case "ms" -> Duration.ofMillis(amount);
            case "s" -> Duration.ofSeconds(amount);
            case "m" -> Duration.ofMinutes(amount);
            default -> Duration.ofHours(amount);
        };
    }

    /** The pod template of the service's workload: a Deployment, or a StatefulSet where pods need stable names. */
    private static PodTemplateSpec podTemplate(String name) {
        Deployment deployment = find(Deployment.class, name);
        StatefulSet statefulSet = find(StatefulSet.class, name);
        assertThat(deployment == null ? statefulSet : deployment).as("workload %s", name).isNotNull();
        return deployment != null ? deployment.getSpec().getTemplate() : statefulSet.getSpec().getTemplate();
    }

    private static LabelSelector workloadSelector(String name) {
        Deployment deployment = find(Deployment.class, name);
        return deployment != null ? deployment.getSpec().getSelector() : find(StatefulSet.class, name).getSpec().getSelector();
    }

    private static <T extends HasMetadata> T find(Class<T> kind, String name) {
        return base.stream().filter(kind::isInstance).map(kind::cast)
                .filter(resource -> resource.getMetadata().getName().equals(name))
                .findFirst().orElse(null);
    }

    private static List<String> kustomizationResources(Path dir) throws IOException {
        List<String> resources = new ArrayList<>();
        YAML.readTree(dir.resolve("kustomization.yaml").toFile()).path("resources").forEach(r -> resources.add(r.asText()));
        return resources;
    }

    private static List<JsonNode> documents(Path file) throws IOException {
        try (var parser = YAML.getFactory().createParser(file.toFile())) {
            List<JsonNode> documents = new ArrayList<>();
            YAML.readValues(parser, JsonNode.class).forEachRemaining(node -> {
                if (node != null && !node.isEmpty()) {
                    documents.add(node);
                }
            });
            return documents;
        }
    }

    /** fabric8 keeps fields it does not know in additionalProperties: any entry there is a typo or a wrong level. */
    private static void collectUnknownFields(Object object, String path, List<String> unknown, Map<Object, Boolean> seen) {
        if (object == null || seen.put(object, true) != null) {
            return;
        }
        if (object instanceof Collection<?> collection) {
            int i = 0;
            for (Object item : collection) {
                collectUnknownFields(item, path + "[" + i++ + "]", unknown, seen);
            }
            return;
        }
        if (object instanceof Map<?, ?> map) {
            map.forEach((key, value) -> collectUnknownFields(value, path + "." + key, unknown, seen));
            return;
        }
        if (!object.getClass().getPackageName().startsWith("io.fabric8.kubernetes.api.model")) {
            return;
        }
        for (Method method : object.getClass().getMethods()) {
            if (method.getParameterCount() != 0 || !method.getName().startsWith("get") || method.getName().equals("getClass")) {
                continue;
            }
            try {
                Object value = method.invoke(object);
                if (method.getName().equals("getAdditionalProperties")) {
                    if (value instanceof Map<?, ?> extra && !extra.isEmpty()) {
                        unknown.add(path + ": " + extra.keySet());
                    }
                } else {
                    collectUnknownFields(value, path + "." + method.getName().substring(3), unknown, seen);
                }
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
        }
    }

}
