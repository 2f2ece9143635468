package io.smecredit.simulator.model;

import java.time.LocalDate;
import java.util.List;

/** Every SME's simulated day. */
public record SimulatedDay(LocalDate date, List<SmeDay> smes) {
}
