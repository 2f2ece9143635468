package io.smecredit.loan.report.stream;

import io.quarkus.kafka.client.serialization.ObjectMapperDeserializer;
import io.smecredit.contracts.ScoreEvent;

/** Reads ScoreEvent JSON with the application's ObjectMapper, which parses asOf as an ISO-8601 instant. */
public class ScoreEventDeserializer extends ObjectMapperDeserializer<ScoreEvent> {

    public ScoreEventDeserializer() {
        super(ScoreEvent.class);
    }
}
