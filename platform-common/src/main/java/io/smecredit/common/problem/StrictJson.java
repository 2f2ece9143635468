package io.smecredit.common.problem;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.deser.BeanDeserializerModifier;
import com.fasterxml.jackson.databind.deser.DeserializationProblemHandler;
import com.fasterxml.jackson.databind.deser.std.DelegatingDeserializer;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.type.LogicalType;
import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.io.IOException;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.time.temporal.TemporalAccessor;

/**
 * Request bodies are read as sent, never guessed at: a client must get an answer to the request it meant, or a 400
 * naming the field ({@link ProblemResponses}). Without this, Jackson would read {@code "termMonths": 12.9} as 12,
 * {@code "amount": "50000"} as a number, {@code "smeId": 123} as text, {@code "expiresAt": 1800000000} as an instant,
 * ignore anything after the JSON value, and of two {@code "from"} keys keep the last (or fail with a 500 on a
 * record), and drop a field the request does not have. Opt-in per service ({@code platform.json.strict=true}).
 */
@Singleton
public class StrictJson implements ObjectMapperCustomizer {

    private final boolean strict;

    public StrictJson(@ConfigProperty(name = "platform.json.strict", defaultValue = "false") boolean strict) {
        this.strict = strict;
    }

    /**
     * A strict copy of the service's mapper, for one resource's bodies in a service that is not strict as a whole
     * (ingestion reads telemetry with its own per-event rules, but its operator bodies are read as sent).
     */
    public static ObjectMapper strictCopyOf(ObjectMapper mapper) {
        ObjectMapper copy = mapper.copy();
        new StrictJson(true).customize(copy);
        return copy;
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
        // Dates and instants are ISO-8601 text: 1800000000 would otherwise be read as seconds since 1970.
        SimpleModule textualTime = new SimpleModule("strict-json-textual-time");
        textualTime.setDeserializerModifier(new BeanDeserializerModifier() {
            @Override
            public JsonDeserializer<?> modifyDeserializer(DeserializationConfig config, BeanDescription description,
                                                          JsonDeserializer<?> deserializer) {
                if (description.getBeanClass() == LocalDate.class) {
                    return new TextOnly(new StrictLocalDate());
                }
                return TemporalAccessor.class.isAssignableFrom(description.getBeanClass())
                        ? new TextOnly(deserializer) : deserializer;
            }
        });
        mapper.registerModule(textualTime);
        mapper.addHandler(new UnknownFieldsOfRequests());
    }

    /**
     * A field the request does not have is a 400 naming it: a typo ({@code "dya"} for {@code "day"}) would otherwise
     * be dropped and the request run with a default the client did not ask for. Only for request bodies, which by the
     * architecture rule are the records of the services' {@code resource} packages: events and stored JSON read with
     * the same mapper keep ignoring fields a newer writer added.
     */
    private static final class UnknownFieldsOfRequests extends DeserializationProblemHandler {

        @Override
        public boolean handleUnknownProperty(DeserializationContext context, JsonParser parser,
                                             JsonDeserializer<?> deserializer, Object beanOrClass, String field)
                throws IOException {
            Class<?> type = beanOrClass instanceof Class<?> c ? c : beanOrClass.getClass();
            if (type.getName().startsWith("io.smecredit.") && type.getPackageName().endsWith(".resource")) {
                throw UnrecognizedPropertyException.from(parser, beanOrClass, field,
                        deserializer.getKnownPropertyNames());
            }
            return false;
        }
    }

    /**
     * A day is YYYY-MM-DD and must exist: Jackson's default reads "2026-12-06T23:59:59Z" as its date part, and with a
     * {@code @JsonFormat} pattern (a SMART resolver) moves "2026-11-31" to the 30th — a date the client never sent.
     */
    private static final class StrictLocalDate extends StdScalarDeserializer<LocalDate> {

        StrictLocalDate() {
            super(LocalDate.class);
        }

        @Override
        public LocalDate deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            String text = parser.getText();
            try {
                return LocalDate.parse(text, DateTimeFormatter.ISO_LOCAL_DATE.withResolverStyle(ResolverStyle.STRICT));
            } catch (DateTimeParseException e) {
                return (LocalDate) context.handleWeirdStringValue(LocalDate.class, text,
                        "not an existing day written YYYY-MM-DD");
            }
        }
    }

    /** Reads a value only from a JSON string; any other token is the usual "wrong type" error for the field. */
    private static final class TextOnly extends DelegatingDeserializer {

        TextOnly(JsonDeserializer<?> delegate) {
            super(delegate);
        }

        @Override
        protected JsonDeserializer<?> newDelegatingInstance(JsonDeserializer<?> newDelegatee) {
            return new TextOnly(newDelegatee);
        }

        @Override
        public Object deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            if (parser.currentToken() != JsonToken.VALUE_STRING) {
                return context.handleUnexpectedToken(handledType(), parser);
            }
            return super.deserialize(parser, context);
        }
    }
}
