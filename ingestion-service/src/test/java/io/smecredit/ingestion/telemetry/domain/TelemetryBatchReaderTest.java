package io.smecredit.ingestion.telemetry.domain;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.smecredit.common.problem.ProblemException;
import io.smecredit.common.problem.ProblemType;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

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

    private com.fasterxml.jackson.databind.node.ArrayNode read(String body) {
        return reader.read(body.getBytes(StandardCharsets.UTF_8));
    }
}
