package io.smecredit.scoring.history.stream;

import io.quarkus.kafka.client.serialization.ObjectMapperDeserializer;
import io.smecredit.contracts.OutcomeEvent;

/** Reads OutcomeEvent JSON with the application's ObjectMapper, so {@code date} is parsed as an ISO-8601 date. */
public class OutcomeDeserializer extends ObjectMapperDeserializer<OutcomeEvent> {

    public OutcomeDeserializer() {
        super(OutcomeEvent.class);
    }
}
