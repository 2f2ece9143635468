package io.smecredit.simulator.model;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * The generative model of a population of SMEs, advanced one day at a time. Deterministic for a seed: the same
 * population, seed, first day and parameters replay exactly the same health paths, defaults and telemetry.
 *
 * <p>Before the first day it runs {@link ModelParameters#burnInDays()} days without defaults or output, so that
 * health, order swings, maintenance cycles and the industry and region factors start settled.
 */
public final class FactoryModel {

    private final List<SmeSimulation> smes;
    private final List<SmeSpec> specs;
    private final ModelParameters parameters;
    private final boolean withOperations;
    private final Random commonRandom;
    private final Map<Industry, Double> industryFactor = new EnumMap<>(Industry.class);
    private final Map<Region, Double> regionFactor = new EnumMap<>(Region.class);
    private LocalDate nextDate;

    /**
     * @param withOperations false simulates only the latent process (health, defaults): much faster, for studies
     *                       of the label process; the latent paths are identical either way
     */
    public FactoryModel(List<SmeSpec> smes, long seed, LocalDate firstDay, ModelParameters parameters,
                        boolean withOperations) {
        this.specs = List.copyOf(smes);
        this.parameters = parameters;
        this.withOperations = withOperations;
        this.commonRandom = new Random(seed * 7919 + 17);
        this.smes = new ArrayList<>(smes.size());
        for (int i = 0; i < smes.size(); i++) {
            this.smes.add(new SmeSimulation(smes.get(i), parameters, seed * 1_000_003L + i));
        }
        for (Industry industry : Industry.values()) {
            industryFactor.put(industry, 0.0);
        }
        for (Region region : Region.values()) {
            regionFactor.put(region, 0.0);
        }
        this.nextDate = firstDay.minusDays(parameters.burnInDays());
        for (int day = 0; day < parameters.burnInDays(); day++) {
            step(false, false);
        }
    }

    public FactoryModel(List<SmeSpec> smes, long seed, LocalDate firstDay) {
        this(smes, seed, firstDay, ModelParameters.defaults(), true);
    }

    public List<SmeSpec> smes() {
        return specs;
    }

    public LocalDate nextDate() {
        return nextDate;
    }

    /** Simulates {@link #nextDate()} for every SME and moves on to the following day. */
    public SimulatedDay nextDay() {
        return step(true, withOperations);
    }

    private SimulatedDay step(boolean defaultsPossible, boolean operations) {
        LocalDate date = nextDate;
        industryFactor.replaceAll((industry, value) -> advanceCommon(value));
        regionFactor.replaceAll((region, value) -> advanceCommon(value));
        List<SmeDay> days = new ArrayList<>(smes.size());
        for (int i = 0; i < smes.size(); i++) {
            SmeSpec spec = specs.get(i);
            double common = industryFactor.get(spec.industry()) + regionFactor.get(spec.region());
            days.add(smes.get(i).advance(date, common, defaultsPossible, operations));
        }
        nextDate = date.plusDays(1);
        return new SimulatedDay(date, List.copyOf(days));
    }

    private double advanceCommon(double value) {
        return parameters.commonPersistence() * value + parameters.commonVolatility() * commonRandom.nextGaussian();
    }
}
