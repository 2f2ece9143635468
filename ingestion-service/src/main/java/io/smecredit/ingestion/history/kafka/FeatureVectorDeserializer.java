package io.smecredit.ingestion.history.kafka;

import io.quarkus.kafka.client.serialization.ObjectMapperDeserializer;
import io.smecredit.contracts.FeatureVector;

public class FeatureVectorDeserializer extends ObjectMapperDeserializer<FeatureVector> {

    public FeatureVectorDeserializer() {
        super(FeatureVector.class);
    }
}
