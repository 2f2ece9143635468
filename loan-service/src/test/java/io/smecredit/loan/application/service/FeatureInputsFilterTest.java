package io.smecredit.loan.application.service;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** A replay's stored answer loses only its inputs' feature members; every other byte is as stored. */
class FeatureInputsFilterTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void onlyTheInputsFeatureMembersGoAndEverythingElseKeepsItsBytes() {
        String stored = "{\"id\":\"a\",\"amount\":20000.00,\"features\":{\"x\":1.50},\"decision\":{\"limit\":1E+5,"
                + "\"reasons\":[{\"textEn\":\"say \\\"no\\\" \u00e9\"}]},\"inputs\":{\"pd\":1.0E-5,"
                + "\"features\":{\"days_since_output\":0.0,\"nested\":{\"featuresAsOf\":1}},\"featuresAsOf\":\"2026-12-01T00:00:00Z\","
                + "\"policy\":{\"features\":[\"kept\"],\"version\":\"v\"},\"decidedAt\":null}}";

        String filtered = CreditApplicationService.withoutFeatureInputs(JSON.getFactory(), stored);

        assertThat(filtered).isEqualTo("{\"id\":\"a\",\"amount\":20000.00,\"features\":{\"x\":1.50},\"decision\":"
                + "{\"limit\":1E+5,\"reasons\":[{\"textEn\":\"say \\\"no\\\" \u00e9\"}]},\"inputs\":{\"pd\":1.0E-5,"
                + "\"policy\":{\"features\":[\"kept\"],\"version\":\"v\"},\"decidedAt\":null}}");
    }

    @Test
    void anAnswerWithoutThemIsUnchanged() {
        String stored = "{\"id\":\"a\",\"amount\":20000.00,\"inputs\":{\"grade\":\"B\",\"fxRateToBase\":1}}";
        assertThat(CreditApplicationService.withoutFeatureInputs(JSON.getFactory(), stored)).isEqualTo(stored);
    }
}
