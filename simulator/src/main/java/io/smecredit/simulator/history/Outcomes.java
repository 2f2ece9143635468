package io.smecredit.simulator.history;

import io.smecredit.contracts.OutcomeEvent;
import io.smecredit.simulator.model.SmeSpec;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The outcome labels of a simulated history as {@link OutcomeEvent}s with source "simulator": every SME gets a
 * simulated credit DISBURSED on the first day of the history; those that defaulted get a DEFAULTED on their default
 * date (90 days past due). An SME with no DEFAULTED was performing until the end of the history. Ids derive from the
 * seed and the SME, so publishing the same history twice repeats ids rather than inventing new credits.
 */
public final class Outcomes {

    /** Simulated credits are booked with this partner bank of the demo realm. */
    public static final String BANK_ID = "bank-a";

    private Outcomes() {
    }

    public static List<OutcomeEvent> of(List<SmeSpec> smes, Map<String, LocalDate> defaults, LocalDate firstDay, long seed) {
        List<OutcomeEvent> outcomes = new ArrayList<>();
        for (SmeSpec sme : smes) {
            String application = "sim-" + seed + "-" + sme.smeId();
            // Credit size scales with the plant: 40,000 per machine.
            BigDecimal amount = BigDecimal.valueOf(40_000L * sme.machines().size());
            outcomes.add(new OutcomeEvent(application + "-disbursed", sme.smeId(), application, BANK_ID, "DISBURSED",
                    firstDay, amount, null, "simulator"));
            LocalDate defaultDate = defaults.get(sme.smeId());
            if (defaultDate != null) {
                outcomes.add(new OutcomeEvent(application + "-defaulted", sme.smeId(), application, BANK_ID, "DEFAULTED",
                        defaultDate, amount, 90, "simulator"));
            }
        }
        return outcomes;
    }
}
