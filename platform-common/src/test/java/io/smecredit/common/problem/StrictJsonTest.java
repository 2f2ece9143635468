package io.smecredit.common.problem;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StrictJsonTest {

    record Dated(LocalDate date) {
    }

    /** As a request record might declare it: the pattern alone resolves SMART, moving the 31st of November. */
    record Patterned(@JsonFormat(shape = JsonFormat.Shape.STRING, pattern = "uuuu-MM-dd") LocalDate date) {
    }

    private final ObjectMapper strict = strictMapper();

    @Test
    void aDateThatDoesNotExistIsRefusedNotMovedToTheEndOfTheMonth() {
        for (String impossible : new String[]{"2026-11-31", "2026-02-29", "2026-02-30", "2026-04-31"}) {
            for (Class<?> type : new Class<?>[]{Dated.class, Patterned.class}) {
                assertThatThrownBy(() -> strict.readValue("{\"date\":\"" + impossible + "\"}", type))
                        .as(impossible + " into " + type.getSimpleName())
                        .isInstanceOf(InvalidFormatException.class)
                        .hasMessageContaining(impossible);
            }
        }
    }

    @Test
    void realDatesIncludingLeapDaysAreRead() throws Exception {
        assertThat(strict.readValue("{\"date\":\"2028-02-29\"}", Dated.class).date())
                .isEqualTo(LocalDate.of(2028, 2, 29));
        assertThat(strict.readValue("{\"date\":\"2026-12-31\"}", Dated.class).date())
                .isEqualTo(LocalDate.of(2026, 12, 31));
        assertThat(strict.readValue("{\"date\":null}", Dated.class).date()).isNull();
    }

    @Test
    void aDateIsTextInTheIsoFormatOnly() {
        for (String wrong : new String[]{"\"2026-12-7\"", "\"07.12.2026\"", "\"2026-12-07T00:00:00Z\"", "20261207",
                "[2026,12,7]"}) {
            assertThatThrownBy(() -> strict.readValue("{\"date\":" + wrong + "}", Dated.class))
                    .as(wrong)
                    .isInstanceOf(MismatchedInputException.class);
        }
    }

    private static ObjectMapper strictMapper() {
        ObjectMapper mapper = new ObjectMapper().registerModule(new JavaTimeModule());
        new StrictJson(true).customize(mapper);
        return mapper;
    }
}
