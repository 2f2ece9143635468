package io.smecredit.loan.alert.domain;

import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class WebhookTargetPolicyTest {

    private final WebhookTargetPolicy guard = new WebhookTargetPolicy(Set.of());

    @Test
    void publicAddressesAreAllowed() {
        assertThat(guard.refusal("https://93.184.216.34/hooks")).isEmpty();
        assertThat(guard.refusal("https://[2606:2800:220:1:248:1893:25c8:1946]/hooks")).isEmpty();
    }

    @Test
    void internalAddressesAreRefusedIncludingDisguisedOnes() {
        for (String url : new String[]{"http://127.0.0.1/", "http://10.1.2.3/", "http://172.31.255.255/",
                "http://192.168.0.1/", "http://169.254.169.254/", "http://100.64.0.1/", "http://0.0.0.0/",
                "http://[::1]/", "http://[fe80::1]/", "http://[fc00::1]/", "http://[::ffff:10.0.0.1]/",
                "http://224.0.0.1/"}) {
            assertThat(guard.refusal(url)).as(url).isPresent();
        }
    }

    @Test
    void addressesThatCarryAnotherAddressOrAreReservedAreRefusedToo() {
        // Found by review: each was accepted. A NAT64 gateway turns 64:ff9b::a9fe:a9fe into 169.254.169.254.
        for (String url : new String[]{"http://[64:ff9b::a9fe:a9fe]/", "http://[64:ff9b:1::a00:1]/",
                "http://[::127.0.0.1]/", "http://[::10.0.0.1]/", "http://[0:0:0:0:0:0:7f00:1]/",
                "http://[2002:7f00:1::]/", "http://[2001::]/", "http://[2001:db8::1]/", "http://198.18.0.1/",
                "http://240.0.0.1/", "http://255.255.255.255/", "http://192.0.0.170/", "http://192.0.2.1/",
                "http://203.0.113.9/", "http://[ff02::1]/"}) {
            assertThat(guard.refusal(url)).as(url).isPresent();
        }
        assertThat(guard.refusal("https://[::ffff:93.184.216.34]/")).as("a mapped public IPv4 address").isEmpty();
    }

    @Test
    void thePortMustBeOneThatExists() {
        assertThat(guard.refusal("http://93.184.216.34:0/")).get().asString().contains("port");
        assertThat(guard.refusal("http://93.184.216.34:99999/")).get().asString().contains("port");
        assertThat(guard.refusal("https://93.184.216.34:8443/")).isEmpty();
    }

    @Test
    void onlyHttpWithoutCredentialsIsAccepted() {
        assertThat(guard.refusal("file:///etc/passwd")).isPresent();
        assertThat(guard.refusal("https://user:pw@93.184.216.34/")).isPresent();
        assertThat(guard.refusal("https:///nohost")).isPresent();
    }

    @Test
    void plainHttpIsRefusedForAPublicHostSinceAlertsCarrySmeData() throws Exception {
        assertThat(guard.refusal("http://93.184.216.34/hooks")).get().asString().contains("must use https");
        assertThat(new WebhookTargetPolicy(Set.of(), host -> new InetAddress[]{InetAddress.getByAddress(
                new byte[]{93, (byte) 184, (byte) 216, 34})}).refusal("http://hooks.bank.example/alerts"))
                .get().asString().contains("must use https");
    }

    @Test
    void theAllowListExemptsExactlyItsHosts() {
        WebhookTargetPolicy withAllowList = new WebhookTargetPolicy(Set.of("127.0.0.1"));
        assertThat(withAllowList.refusal("http://127.0.0.1:8080/hooks")).isEmpty();
        assertThat(withAllowList.refusal("http://127.0.0.2:8080/hooks")).isPresent();
        assertThat(withAllowList.refusal("http://10.0.0.1/hooks")).isPresent();
    }

    @Test
    void oneInternalAddressAmongTheAnswersIsEnoughToRefuse() throws Exception {
        InetAddress publicAddress = InetAddress.getByName("93.184.216.34");
        InetAddress loopback = InetAddress.getByName("127.0.0.1");
        WebhookTargetPolicy rebinding = new WebhookTargetPolicy(Set.of(),
                host -> new InetAddress[]{publicAddress, loopback});
        assertThat(rebinding.resolve("https://hooks.bank.example/alerts").refused()).get().asString()
                .contains("127.0.0.1");
    }

    @Test
    void theTargetIsTheValidatedAddressWithTheOriginalHostForHeaderAndSni() throws Exception {
        InetAddress publicAddress = InetAddress.getByName("93.184.216.34");
        WebhookTargetPolicy policy = new WebhookTargetPolicy(Set.of(), host -> new InetAddress[]{publicAddress});
        WebhookTargetPolicy.Target target = policy.resolve("https://hooks.bank.example/alerts?v=1").target();
        assertThat(target.address()).isEqualTo(publicAddress);
        assertThat(target.host()).isEqualTo("hooks.bank.example");
        assertThat(target.port()).isEqualTo(443);
        assertThat(target.tls()).isTrue();
        assertThat(target.pathAndQuery()).isEqualTo("/alerts?v=1");
    }

    @Test
    void aHostnameResolvingToLoopbackIsRefusedWithoutTheAllowList() {
        assertThat(guard.resolve("http://localhost:8080/hooks").refused()).isPresent();
        assertThat(new WebhookTargetPolicy(Set.of("localhost")).resolve("http://localhost:8080/hooks").refused())
                .isEmpty();
    }
}
