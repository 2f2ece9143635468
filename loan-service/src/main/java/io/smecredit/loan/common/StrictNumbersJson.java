package io.smecredit.loan.common;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Singleton;

/**
 * Whole-number fields take whole numbers only: Jackson would otherwise read {@code "termMonths": 12.9} as 12, and a
 * bank would get a decision for a request it did not send. Refused values reach the client as 400 problem+json
 * naming the field ({@code ProblemResponses.mismatchedJson}).
 */
@Singleton
public class StrictNumbersJson implements ObjectMapperCustomizer {

    @Override
    public void customize(ObjectMapper mapper) {
        mapper.disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT);
    }
}
