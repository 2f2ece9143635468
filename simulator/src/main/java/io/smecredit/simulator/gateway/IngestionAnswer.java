package io.smecredit.simulator.gateway;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Map;
import java.util.TreeMap;

/** The ingestion service's 202 answer to a batch, with its per-event errors counted by stable code (an event may have several). */
public record IngestionAnswer(long accepted, long duplicates, long rejected, Map<String, Long> rejectedByReason) {

    static IngestionAnswer of(JsonNode body) {
        Map<String, Long> reasons = new TreeMap<>();
        for (JsonNode error : body.path("errors")) {
            String reason = error.path("code").asText(error.path("reason").asText("unknown"));
            reasons.merge(reason, 1L, Long::sum);
        }
        return new IngestionAnswer(body.path("accepted").asLong(), body.path("duplicates").asLong(),
                body.path("rejected").asLong(), reasons);
    }
}
