package io.smecredit.simulator.history;

import io.smecredit.contracts.OutcomeEvent;
import io.smecredit.simulator.model.ModelParameters;
import io.smecredit.simulator.model.Population;
import io.smecredit.simulator.model.SmeSpec;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class OutcomesTest {

    @Test
    void everySmeGetsADisbursementAndOnlyDefaultersADefaultWithStableIds() {
        List<SmeSpec> smes = Population.generate(3, 1, ModelParameters.defaults());
        LocalDate first = LocalDate.of(2026, 6, 1);
        Map<String, LocalDate> defaults = Map.of("sme-1002", LocalDate.of(2026, 9, 14));

        List<OutcomeEvent> outcomes = Outcomes.of(smes, defaults, first, 7);

        assertThat(outcomes).extracting(OutcomeEvent::type).containsExactly("DISBURSED", "DISBURSED", "DEFAULTED", "DISBURSED");
        assertThat(outcomes).allSatisfy(o -> {
            assertThat(o.source()).isEqualTo("simulator");
            assertThat(o.applicationId()).isEqualTo("sim-7-" + o.smeId());
        });
        OutcomeEvent defaulted = outcomes.get(2);
        assertThat(defaulted.smeId()).isEqualTo("sme-1002");
        assertThat(defaulted.date()).isEqualTo(LocalDate.of(2026, 9, 14));
        assertThat(defaulted.daysPastDue()).isEqualTo(90);
        assertThat(outcomes).extracting(OutcomeEvent::eventId).doesNotHaveDuplicates()
                .isEqualTo(Outcomes.of(smes, defaults, first, 7).stream().map(OutcomeEvent::eventId).toList());
    }
}
