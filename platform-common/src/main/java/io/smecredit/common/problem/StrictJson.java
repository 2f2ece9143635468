package io.smecredit.common.problem;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.type.LogicalType;
import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Request bodies are read as sent, never guessed at: a client must get an answer to the request it meant, or a 400
 * naming the field ({@link ProblemResponses}). Without this, Jackson would read {@code "termMonths": 12.9} as 12,
 * {@code "amount": "50000"} as a number, {@code "smeId": 123} as text, ignore anything after the JSON value, and of
 * two {@code "from"} keys keep the last (or fail with a 500 on a record). Opt-in per service
 * ({@code platform.json.strict=true}): the ingestion service reads telemetry with its own per-event rules.
 */
@Singleton
public class StrictJson implements ObjectMapperCustomizer {

    private final boolean strict;

    public StrictJson(@ConfigProperty(name = "platform.json.strict", defaultValue = "false") boolean strict) {
        this.strict = strict;
    }

    @Override
    public void customize(ObjectMapper mapper) {
        if (!strict) {
            return;
        }
        mapper.disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT);
        mapper.enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
        mapper.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
        for (LogicalType number : new LogicalType[]{LogicalType.Integer, LogicalType.Float}) {
            mapper.coercionConfigFor(number).setCoercion(CoercionInputShape.String, CoercionAction.Fail);
        }
        for (CoercionInputShape scalar : new CoercionInputShape[]{CoercionInputShape.Integer,
                CoercionInputShape.Float, CoercionInputShape.Boolean}) {
            mapper.coercionConfigFor(LogicalType.Textual).setCoercion(scalar, CoercionAction.Fail);
        }
    }
}
