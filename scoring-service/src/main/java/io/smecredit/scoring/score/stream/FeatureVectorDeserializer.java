package io.smecredit.scoring.score.stream;

import io.quarkus.kafka.client.serialization.ObjectMapperDeserializer;
import io.smecredit.contracts.FeatureVector;

/** Reads FeatureVector JSON with the application's ObjectMapper, so asOf is parsed as an ISO-8601 instant. */
public class FeatureVectorDeserializer extends ObjectMapperDeserializer<FeatureVector> {

    public FeatureVectorDeserializer() {
        super(FeatureVector.class);
    }
}
