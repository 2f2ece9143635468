package io.smecredit.simulator.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Draws a population of SMEs; the same seed always gives the same firms. */
public final class Population {

    private static final String[] PLACES = {"Northfield", "Riverside", "Oakridge", "Millbrook", "Ashford", "Kingsley",
            "Westbury", "Stonebridge", "Fairhaven", "Hillcrest", "Brookdale", "Eastwood", "Redcliff", "Greenvale",
            "Lakeside", "Harbourne"};

    public static final String DEFAULT_PREFIX = "sme-";
    public static final int DEFAULT_FIRST_NUMBER = 1001;

    private Population() {
    }

    /**
     * {@code count} SMEs with ids {@code prefix + number} from {@code firstNumber} on (e.g. sme-1001 …, outside the
     * demo SMEs sme-001 … sme-005 but inside the ids the demo gateway may report for); industries and regions spread at
     * random over the registry seed's ones, a small population over fewer regions (see {@link #regionsFor}).
     */
    public static List<SmeSpec> generate(int count, String prefix, int firstNumber, long seed, ModelParameters parameters) {
        if (count < 1) {
            throw new IllegalArgumentException("need at least one SME");
        }
        Random random = new Random(seed);
        int regions = regionsFor(count);
        List<SmeSpec> smes = new ArrayList<>(count);
        for (int i = 1; i <= count; i++) {
            Industry industry = Industry.values()[random.nextInt(Industry.values().length)];
            // Drawn from all regions and folded onto the ones in use, so every other draw stays what it was.
            Region region = Region.values()[random.nextInt(Region.values().length) % regions];
            int shifts = industry.drawShifts(random.nextDouble());
            boolean saturdays = random.nextDouble() < (shifts == 3 ? 0.5 : 0.15);
            boolean summerShutdown = shifts < 3 && industry != Industry.FOOD_PROCESSING && random.nextDouble() < 0.5;
            double longRunHealth = clamp(0.72 + 0.13 * random.nextGaussian(), 0.25, 0.95);
            // Most SMEs are small: 2–12 machines, skewed towards the low end.
            int machineCount = 2 + (int) (Math.pow(random.nextDouble(), 2) * 11);
            List<MachineSpec> machines = new ArrayList<>(machineCount);
            for (int m = 1; m <= machineCount; m++) {
                machines.add(new MachineSpec("m-" + m,
                        round(industry.unitsPerRunHour() * (0.7 + 0.6 * random.nextDouble())),
                        round(industry.runningKw() * (0.8 + 0.4 * random.nextDouble()))));
            }
            String smeId = prefix + (firstNumber + i - 1);
            String name = PLACES[random.nextInt(PLACES.length)] + " " + tradeName(industry, random);
            smes.add(new SmeSpec(smeId, name, industry, region, shifts, saturdays, summerShutdown, longRunHealth,
                    List.copyOf(machines)));
        }
        return List.copyOf(smes);
    }

    /**
     * How many regions a population of {@code count} SMEs spreads over: the platform compares an SME with its industry ×
     * region cohort only when at least 5 of them have data, so a small population in all 15 cohorts (about 3 SMEs
     * each at 50) would produce history without cohort features. One region per 40 SMEs (8 per cohort), one to three.
     */
    static int regionsFor(int count) {
        return Math.max(1, Math.min(Region.values().length, count / 40));
    }

    /** The default population: ids sme-1001, sme-1002, … */
    public static List<SmeSpec> generate(int count, long seed, ModelParameters parameters) {
        return generate(count, DEFAULT_PREFIX, DEFAULT_FIRST_NUMBER, seed, parameters);
    }

    private static String tradeName(Industry industry, Random random) {
        String[] names = switch (industry) {
            case METAL_FABRICATION -> new String[]{"Steelworks", "Metalworks", "Precision Parts", "Forge"};
            case PLASTICS -> new String[]{"Plastics", "Moulding", "Polymers", "Extrusions"};
            case FOOD_PROCESSING -> new String[]{"Foods", "Bakeries", "Dairy", "Packers"};
            case TEXTILES -> new String[]{"Textiles", "Weavers", "Knitwear", "Mills"};
            case ELECTRONICS -> new String[]{"Electronics", "Circuits", "Assemblies", "Controls"};
        };
        return names[random.nextInt(names.length)];
    }

    private static double clamp(double value, double low, double high) {
        return Math.max(low, Math.min(high, value));
    }

    private static double round(double value) {
        return Math.round(value * 10) / 10.0;
    }
}
