package io.smecredit.loan.application;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.smecredit.contracts.Topics;
import io.smecredit.loan.Fixtures;
import io.smecredit.loan.KeycloakTokens;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/** Banks report what happened to a credit; outcomes that contradict its history are refused; valid ones are published. */
@QuarkusTest
class OutcomeReportingTest {

    private static final String OUTCOMES = "/api/v1/credit-applications/{id}/outcomes";
    private static final String TODAY = LocalDate.now(ZoneOffset.UTC).toString();

    private static String approvedApplication(String bank) {
        String smeId = Fixtures.freshSmeId();
        Fixtures.score(smeId, 720, 0.008, "B", Instant.now());
        Fixtures.features(smeId, Instant.now(), "{\"days_since_output\":0.0,\"output_units_per_day_90d\":5000.0}");
        Fixtures.validConsent(smeId, "bank-a", "credit-report");
        return given().auth().oauth2(bank).header("Idempotency-Key", UUID.randomUUID().toString())
                .contentType(ContentType.JSON)
                .body(Map.of("smeId", smeId, "product", "WORKING_CAPITAL", "amount", 40_000, "currency", "EUR",
                        "termMonths", 12))
                .post("/api/v1/credit-applications")
                .then().statusCode(201).body("decision.outcome", equalTo("APPROVE")).extract().path("id");
    }

    private static io.restassured.response.ValidatableResponse report(String bank, String id, Map<String, Object> body) {
        return given().auth().oauth2(bank).contentType(ContentType.JSON).body(body).post(OUTCOMES, id).then();
    }

    @Test
    void aDisbursementIsRecordedAndPublishedForModelTraining() {
        String bank = KeycloakTokens.accessToken("bank-a");
        String id = approvedApplication(bank);

        String eventId = report(bank, id, Map.of("type", "DISBURSED", "date", TODAY, "amount", 40_000))
                .statusCode(201).body("type", equalTo("DISBURSED")).extract().path("eventId");

        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class),
                ConsumerConfig.GROUP_ID_CONFIG, "outcome-test-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class))) {
            consumer.subscribe(List.of(Topics.OUTCOMES.name()));
            List<ConsumerRecord<String, String>> found = new ArrayList<>();
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                consumer.poll(Duration.ofMillis(500)).forEach(r -> {
                    if (r.value().contains(eventId)) {
                        found.add(r);
                    }
                });
                return !found.isEmpty();
            });
            assertThat(found.get(0).key()).startsWith("it-");
            assertThat(found.get(0).value()).contains("\"applicationId\":\"" + id + "\"", "\"bankId\":\"bank-a\"",
                    "\"type\":\"DISBURSED\"", "\"source\":\"bank\"", "\"date\":\"" + TODAY + "\"");
        }
    }

    @Test
    void outcomesMustFollowTheCreditsHistory() {
        String bank = KeycloakTokens.accessToken("bank-a");
        String id = approvedApplication(bank);

        report(bank, id, Map.of("type", "REPAID", "date", TODAY))
                .statusCode(422).contentType("application/problem+json")
                .body("detail", containsString("prior DISBURSED"));
        report(bank, id, Map.of("type", "DISBURSED", "date", TODAY, "amount", 90_000))
                .statusCode(422).body("detail", containsString("exceeds the decided limit"));
        report(bank, id, Map.of("type", "DISBURSED", "date", LocalDate.now(ZoneOffset.UTC).plusDays(3).toString(),
                "amount", 1000)).statusCode(422).body("detail", containsString("future"));
        report(bank, id, Map.of("type", "DISBURSED", "date", TODAY, "amount", 40_000)).statusCode(201);
        report(bank, id, Map.of("type", "DISBURSED", "date", TODAY, "amount", 40_000))
                .statusCode(422).body("detail", containsString("already disbursed"));
        report(bank, id, Map.of("type", "PAST_DUE", "date", TODAY))
                .statusCode(422).body("detail", containsString("daysPastDue"));
        report(bank, id, Map.of("type", "PAST_DUE", "date", TODAY, "daysPastDue", 30)).statusCode(201);
        report(bank, id, Map.of("type", "REPAID", "date", TODAY)).statusCode(201);
        report(bank, id, Map.of("type", "DEFAULTED", "date", TODAY))
                .statusCode(422).body("detail", containsString("already REPAID"));
        report(bank, id, Map.of("type", "LOST", "date", "yesterday"))
                .statusCode(400).contentType("application/problem+json");
    }
}
