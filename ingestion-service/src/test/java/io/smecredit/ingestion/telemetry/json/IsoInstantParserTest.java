package io.smecredit.ingestion.telemetry.json;

import org.junit.jupiter.api.Test;

import java.time.DateTimeException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class IsoInstantParserTest {

    @Test
    void agreesWithInstantParseOnEdgeCases() {
        List<String> texts = List.of("2025-03-01T11:00:00Z", "2025-03-01T11:00:00.5Z", "2025-03-01T11:00:00.50Z",
                "2025-03-01T11:00:00.123456789Z", "2025-03-01T11:00:00.1234567891Z", "2025-03-01T11:00:00.Z",
                "2025-03-01t11:00:00z", "2025-03-01T12:00:00+01:00", "2025-03-01T12:00:00-00:30", "2025-02-29T11:00:00Z",
                "2024-02-29T11:00:00Z", "2025-02-30T11:00:00Z", "2025-04-31T00:00:00Z", "2025-13-01T00:00:00Z",
                "2025-00-01T00:00:00Z", "2025-01-00T00:00:00Z", "2025-02-28T24:00:00Z", "2025-02-28T23:59:60Z",
                "2025-02-28T23:60:00Z", "2025-02-28T25:00:00Z", "0000-01-01T00:00:00Z", "9999-12-31T23:59:59.999999999Z",
                "+10000-01-01T00:00:00Z", "-0001-01-01T00:00:00Z", "2025-3-1T11:00:00Z", "2025-03-01 11:00:00Z",
                "2025-03-01T11:00Z", "2025-03-01T11:00:00", "2025-03-01T11:00:00ZZ", "2025-03-01T1a:00:00Z",
                "２０２５-03-01T11:00:00Z", "", "yesterday", "1970-01-01T00:00:00Z", "1969-12-31T23:59:59.999Z");
        IsoInstantParser parser = new IsoInstantParser();
        for (String text : texts) {
            assertThat(parser.parse(text)).as(text).isEqualTo(instantParse(text));
            assertThat(new IsoInstantParser().parse(text)).as(text).isEqualTo(instantParse(text));
        }
    }

    @Test
    void agreesWithInstantParseOnRandomInstants() {
        Random random = new Random(42);
        IsoInstantParser parser = new IsoInstantParser();
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < 20_000; i++) {
            Instant instant = Instant.ofEpochSecond(random.nextLong(-62_135_596_800L, 253_402_300_799L),
                    switch (i % 4) {
                        case 0 -> 0;
                        case 1 -> random.nextInt(1000) * 1_000_000;
                        case 2 -> random.nextInt(1_000_000) * 1000;
                        default -> random.nextInt(1_000_000_000);
                    });
            texts.add(instant.toString());
        }
        for (String text : texts) {
            assertThat(parser.parse(text)).as(text).isEqualTo(Instant.parse(text));
        }
    }

    private static Instant instantParse(String text) {
        try {
            return Instant.parse(text);
        } catch (DateTimeException e) {
            return null;
        }
    }
}
