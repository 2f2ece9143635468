package io.smecredit.ingestion.telemetry.domain;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.smecredit.common.problem.ProblemException;
import io.smecredit.common.problem.ProblemType;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TelemetryBatchReaderTest {

    private final TelemetryBatchReader reader = new TelemetryBatchReader(new ObjectMapper());

    @Test
    void readsAnArrayOfEvents() {
        assertThat(read("[{\"eventId\":\"a\"},{\"eventId\":\"b\"}]")).hasSize(2);
    }

    @Test
    void namesLineAndColumnOfASyntaxError() {
        assertThatThrownBy(() -> read("[\n  {\"eventId\": \"a\",}\n]"))
                .isInstanceOfSatisfying(ProblemException.class, e -> {
                    assertThat(e.problem().status()).isEqualTo(400);
                    assertThat(e.problem().type()).isEqualTo(ProblemType.MALFORMED_REQUEST.uri());
                    assertThat(e.problem().detail()).startsWith("Request body is not valid JSON").contains("line 2");
                });
    }

    @Test
    void refusesTrailingContentAfterTheArray() {
        assertMalformed("[] []", "not valid JSON");
    }

    @Test
    void explainsJsonThatDoesNotParseInTheIntegratorsTermsNotTheParsers() {
        // NDJSON sent as application/json: the usual cause of a second value after the first.
        assertMalformed("{\"eventId\":\"a\"}\n{\"eventId\":\"b\"}", "more than one JSON value")
                .contains("Content-Type: application/x-ndjson").contains("line 2");
        assertMalformed("[{\"eventId\":\"a\"", "ends before the JSON does");
        assertMalformed("temperature=55", "'temperature' is not a JSON value");
        assertMalformed("[1, }]", "unexpected character '}'");
        assertMalformed("[{\"x\":" + "1".repeat(2000) + "}]", "Request body is too large to read: it has a number of "
                + "2000 characters, and at most 1000 are read");
        for (String broken : List.of("{\"a\":1}{", "[{\"eventId\":", "[tru]", "[1, }]", "[{\"a\" 1}]", "[\"x]")) {
            assertMalformed(broken, "not valid JSON")
                    .doesNotContain("Source:").doesNotContain("JsonNode").doesNotContain("FAIL_ON")
                    .doesNotContain("(code ").doesNotContain("'NaN'/'+INF'");
        }
        // An MQTT message takes a single event too, and says so.
        assertThatThrownBy(() -> reader.readJson(new byte[0], true)).isInstanceOfSatisfying(ProblemException.class,
                e -> assertThat(e.problem().detail()).isEqualTo("MQTT message is empty; expected one telemetry event "
                        + "object or a JSON array of them."));
        assertThatThrownBy(() -> reader.readJson("{} {}".getBytes(StandardCharsets.UTF_8), true))
                .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.problem().detail())
                        .startsWith("MQTT message is not valid JSON: it holds more than one JSON value; publish one "
                                + "event object"));
    }

    @Test
    void refusesAnEmptyBody() {
        assertMalformed("", "empty");
        assertMalformed("   ", "empty");
    }

    @Test
    void refusesAnythingButAnArray() {
        assertMalformed("{\"eventId\":\"a\"}", "must be a JSON array").satisfies(p -> assertThat(p).contains("object"));
    }

    @Test
    void refusesAnEmptyArray() {
        assertMalformed("[]", "empty array");
    }

    @Test
    void refusesBatchesLargerThanTheLimitAsTooLarge() {
        String batch = "[" + "{},".repeat(TelemetryLimits.MAX_EVENTS_PER_BATCH) + "{}]";
        assertThatThrownBy(() -> read(batch)).isInstanceOfSatisfying(ProblemException.class, e -> {
            assertThat(e.problem().status()).isEqualTo(413);
            assertThat(e.problem().detail()).contains("10001 events").contains("10000");
        });
        assertThat(read("[" + "{},".repeat(TelemetryLimits.MAX_EVENTS_PER_BATCH - 1) + "{}]"))
                .hasSize(TelemetryLimits.MAX_EVENTS_PER_BATCH);
    }

    private org.assertj.core.api.AbstractStringAssert<?> assertMalformed(String body, String detailPart) {
        try {
            read(body);
        } catch (ProblemException e) {
            assertThat(e.problem().status()).isEqualTo(400);
            return assertThat(e.problem().detail()).contains(detailPart);
        }
        throw new AssertionError("expected " + body + " to be refused");
    }

    @Test
    void readsNdjsonRefusingOnlyTheLinesThatAreNotJson() {
        List<BatchEntry> entries = reader.readNdjson("{\"eventId\":\"a\"}\r\n\n{broken\n{\"eventId\":\"c\"}\n"
                .getBytes(StandardCharsets.UTF_8));

        assertThat(entries).extracting(BatchEntry::readable).containsExactly(true, false, true);
        assertThat(entries.get(1).payload()).isEqualTo("{broken");
        assertThat(entries.get(1).unreadable()).contains("not valid JSON");
    }

    @Test
    void refusesAnNdjsonBodyWithoutAnyReadableLine() {
        assertThatThrownBy(() -> reader.readNdjson("nope\nnot json either".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.problem().status()).isEqualTo(400));
        assertThatThrownBy(() -> reader.readNdjson("\n \n".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.problem().detail()).contains("empty"));
    }

    @Test
    void refusesNdjsonWithMoreEventsThanTheLimitAsTooLarge() {
        String body = "{}\n".repeat(TelemetryLimits.MAX_EVENTS_PER_BATCH + 1);
        assertThatThrownBy(() -> reader.readNdjson(body.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.problem().status()).isEqualTo(413));
    }

    @Test
    void takesASingleEventObjectOnlyWhereAllowed() {
        assertThat(reader.readJson("{\"eventId\":\"a\"}".getBytes(StandardCharsets.UTF_8), true)).hasSize(1);
    }

    private List<BatchEntry> read(String body) {
        return reader.readJson(body.getBytes(StandardCharsets.UTF_8), false);
    }
}
