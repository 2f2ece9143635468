package io.smecredit.loan.application;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.smecredit.contracts.Topics;
import io.smecredit.loan.Fixtures;
import io.smecredit.loan.KeycloakTokens;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
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
    void aRecordedOutcomeIsPublishedExactlyOnceAfterItsCommitAndARefusedOneNever() throws Exception {
        String bank = KeycloakTokens.accessToken("bank-a");
        String id = approvedApplication(bank);

        // Refused by the rules: its transaction rolls back, so nothing may reach the topic.
        report(bank, id, Map.of("type", "REPAID", "date", TODAY)).statusCode(422);
        String eventId = report(bank, id, Map.of("type", "DISBURSED", "date", TODAY, "amount", 40_000))
                .statusCode(201).body("type", equalTo("DISBURSED")).extract().path("eventId");

        // The relay marks the row sent once Kafka acknowledged it; after that nothing can send it again.
        await().atMost(Duration.ofSeconds(30)).until(() -> outboxRows(id), rows -> rows.equals(List.of("sent")));

        List<ConsumerRecord<String, String>> published = wholeTopic().stream()
                .filter(r -> r.value().contains("\"applicationId\":\"" + id + "\"")).toList();
        assertThat(published).hasSize(1);
        assertThat(published.get(0).key()).startsWith("it-");
        assertThat(published.get(0).value()).contains("\"eventId\":\"" + eventId + "\"", "\"bankId\":\"bank-a\"",
                "\"type\":\"DISBURSED\"", "\"source\":\"bank\"", "\"date\":\"" + TODAY + "\"");
    }

    @Test
    void theSameReportSentAgainAnswersTheStoredOutcomeAndIsRecordedAndPublishedOnce() throws Exception {
        String bank = KeycloakTokens.accessToken("bank-a");
        String id = approvedApplication(bank);
        Map<String, Object> disbursed = Map.of("type", "DISBURSED", "date", TODAY, "amount", 40_000);
        Map<String, Object> pastDue = Map.of("type", "PAST_DUE", "date", TODAY, "amount", 500, "daysPastDue", 30);

        String disbursedId = report(bank, id, disbursed).statusCode(201).extract().path("eventId");
        String pastDueId = report(bank, id, pastDue).statusCode(201).extract().path("eventId");
        // A retry after a lost answer: the stored outcome, marked as such, for either report.
        report(bank, id, pastDue).statusCode(200).header("Idempotent-Replayed", "true")
                .body("eventId", equalTo(pastDueId));
        report(bank, id, disbursed).statusCode(200).header("Idempotent-Replayed", "true")
                .body("eventId", equalTo(disbursedId));
        // Another figure is another fact.
        report(bank, id, Map.of("type", "PAST_DUE", "date", TODAY, "amount", 500, "daysPastDue", 60)).statusCode(201);

        given().auth().oauth2(bank).get(OUTCOMES, id).then().statusCode(200)
                .body("type", equalTo(List.of("DISBURSED", "PAST_DUE", "PAST_DUE")))
                .body("daysPastDue", equalTo(java.util.Arrays.asList(null, 30, 60)));
        assertThat(outboxRows(id)).hasSize(3);
        given().auth().oauth2(KeycloakTokens.accessToken("bank-b")).get(OUTCOMES, id)
                .then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void daysPastDueBelongsToDelinquencyAndTheDateIsADayNotADateTime() {
        String bank = KeycloakTokens.accessToken("bank-a");
        String id = approvedApplication(bank);

        report(bank, id, Map.of("type", "DISBURSED", "date", TODAY, "amount", 100, "daysPastDue", 99))
                .statusCode(400).contentType("application/problem+json")
                .body("errors.field", equalTo(List.of("daysPastDue")));
        // Both used to be accepted and cut to their date.
        for (String dateTime : List.of(TODAY + "T23:59:59Z", TODAY + "T12:00:00")) {
            report(bank, id, Map.of("type", "DISBURSED", "date", dateTime, "amount", 100))
                    .statusCode(400).contentType("application/problem+json")
                    .body("errors.field", equalTo(List.of("date")));
        }
        given().auth().oauth2(bank).get(OUTCOMES, id).then().statusCode(200).body("$", org.hamcrest.Matchers.empty());
    }

    /** Outbox rows of the application's outcomes: "sent" or "pending" each. */
    private static List<String> outboxRows(String applicationId) throws Exception {
        try (Connection c = Fixtures.connect(); PreparedStatement s = c.prepareStatement(
                "SELECT CASE WHEN o.sent_at IS NULL THEN 'pending' ELSE 'sent' END FROM outcome_outbox o "
                        + "JOIN credit_outcome co ON co.event_id = o.event_id WHERE co.application_id = ?")) {
            s.setObject(1, UUID.fromString(applicationId));
            ResultSet rs = s.executeQuery();
            List<String> rows = new ArrayList<>();
            while (rs.next()) {
                rows.add(rs.getString(1));
            }
            return rows;
        }
    }

    /** Every record on the outcomes topic, read from the beginning up to the end offsets taken now. */
    private static List<ConsumerRecord<String, String>> wholeTopic() {
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class))) {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.OUTCOMES.name()).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            List<ConsumerRecord<String, String>> records = new ArrayList<>();
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
                return partitions.stream().allMatch(p -> consumer.position(p) >= end.get(p));
            });
            return records;
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
        report(bank, id, Map.of("type", "DISBURSED", "date", TODAY, "amount", 30_000))
                .statusCode(422).body("detail", containsString("already disbursed"));
        report(bank, id, Map.of("type", "PAST_DUE", "date", TODAY))
                .statusCode(400).contentType("application/problem+json")
                .body("errors.field", org.hamcrest.Matchers.equalTo(java.util.List.of("daysPastDue")));
        report(bank, id, Map.of("type", "PAST_DUE", "date", TODAY, "daysPastDue", 30)).statusCode(201);
        report(bank, id, Map.of("type", "REPAID", "date", TODAY)).statusCode(201);
        report(bank, id, Map.of("type", "DEFAULTED", "date", TODAY))
                .statusCode(422).body("detail", containsString("already REPAID"));
        report(bank, id, Map.of("type", "LOST", "date", "yesterday"))
                .statusCode(400).contentType("application/problem+json");
    }

    private static io.restassured.response.ValidatableResponse reportRaw(String bank, String id, String json) {
        return given().auth().oauth2(bank).contentType(ContentType.JSON).body(json).post(OUTCOMES, id).then();
    }

    @Test
    void outcomeAmountsAreBoundedByTheColumnAndByTheDisbursedPrincipal() {
        String bank = KeycloakTokens.accessToken("bank-a");
        String id = approvedApplication(bank);

        // 1E+20 has scale -20, so "at most 2 decimals" alone lets it through to a NUMERIC(18, 2) column.
        reportRaw(bank, id, "{\"type\":\"DISBURSED\",\"date\":\"" + TODAY + "\",\"amount\":1E+20}")
                .statusCode(400).contentType("application/problem+json")
                .body("type", equalTo("https://sme-credit.dev/problems/validation-failed"))
                .body("errors.field", equalTo(List.of("amount")));
        report(bank, id, Map.of("type", "DISBURSED", "date", TODAY, "amount", 30_000)).statusCode(201);
        for (String type : List.of("REPAID", "PAST_DUE", "DEFAULTED")) {
            String daysPastDue = type.equals("REPAID") ? "" : ",\"daysPastDue\":30";
            reportRaw(bank, id, "{\"type\":\"" + type + "\",\"date\":\"" + TODAY
                    + "\"" + daysPastDue + ",\"amount\":1E+20}")
                    .statusCode(400).contentType("application/problem+json")
                    .body("errors.field", equalTo(List.of("amount")));
            reportRaw(bank, id, "{\"type\":\"" + type + "\",\"date\":\"" + TODAY
                    + "\"" + daysPastDue + ",\"amount\":30000.01}")
                    .statusCode(422).contentType("application/problem+json")
                    .body("detail", containsString("exceeds the disbursed principal 30000.00"));
        }
        report(bank, id, Map.of("type", "PAST_DUE", "date", TODAY, "daysPastDue", 30, "amount", 2_500))
                .statusCode(201);
        report(bank, id, Map.of("type", "DEFAULTED", "date", TODAY, "daysPastDue", 95, "amount", 30_000))
                .statusCode(201).body("amount", equalTo(30_000.0f));
    }
}
