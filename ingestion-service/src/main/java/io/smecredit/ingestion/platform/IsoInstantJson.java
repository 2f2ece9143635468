package io.smecredit.ingestion.platform;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Singleton;

/**
 * Instants travel as ISO-8601 strings on every topic: scoring and loan services read these records with Jackson and
 * rely on that form. Quarkus already defaults to it; stating it here keeps a configuration change from silently
 * switching the wire format to epoch numbers.
 */
@Singleton
public class IsoInstantJson implements ObjectMapperCustomizer {

    @Override
    public void customize(ObjectMapper mapper) {
        mapper.registerModule(new JavaTimeModule());
        mapper.disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    }
}
