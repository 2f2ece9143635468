package io.smecredit.common.problem;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class JsonSyntaxTest {

    private final ObjectReader reader = new ObjectMapper().reader().with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private String explained(String json) {
        JsonProcessingException e = catchThrowableOfType(JsonProcessingException.class, () -> reader.readTree(json));
        assertThat(e).as(json).isNotNull();
        return JsonSyntax.verdict(e) + ": " + JsonSyntax.explain(e, "send one value");
    }

    @Test
    void explainsEachKindOfUnreadableJsonInPlainWords() {
        assertThat(explained("{\"a\":1} {\"a\":2}")).isEqualTo("is not valid JSON: it holds more than one JSON value; "
                + "send one value");
        assertThat(explained("[{\"a\":")).startsWith("is not valid JSON: it ends before the JSON does");
        assertThat(explained("temperature=55")).isEqualTo("is not valid JSON: 'temperature' is not a JSON value "
                + "(text must be in double quotes)");
        assertThat(explained("[1, }]")).contains("unexpected character '}'");
    }

    @Test
    void jsonBeyondTheParsersLimitsIsTooLargeNotInvalid() {
        assertThat(explained("{\"x\":" + "1".repeat(2000) + "}"))
                .isEqualTo("is too large to read: it has a number of 2000 characters, and at most 1000 are read");
        assertThat(explained("[".repeat(1500) + "]".repeat(1500)))
                .isEqualTo("is too large to read: it nests arrays or objects more than 1000 levels deep");
    }

    @Test
    void neverShowsTheParsersInternals() {
        for (String broken : List.of("{\"a\":1}{", "[{\"eventId\":", "[tru]", "[1, }]", "[{\"a\" 1}]", "[\"x]",
                "{\"x\":" + "9".repeat(1500) + "}", "[".repeat(1200))) {
            assertThat(explained(broken)).as(broken.length() > 40 ? broken.substring(0, 40) : broken)
                    .doesNotContain("Source:").doesNotContain("JsonNode").doesNotContain("FAIL_ON")
                    .doesNotContain("(code ").doesNotContain("StreamReadConstraints").doesNotContain("`");
        }
    }
}
