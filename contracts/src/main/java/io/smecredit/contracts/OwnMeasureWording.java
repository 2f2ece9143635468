package io.smecredit.contracts;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.Locale;
import java.util.Map;

/**
 * The words of a principal reason about one of the SME's own measures (not a peer comparison), true of its value. A
 * model names a feature as a reason when its value pushed the risk up against the model's reference, which need not
 * make the value bad in itself: "Production output has been falling" was read beside a trend of +0.02, "Frequent
 * machine breakdowns" beside none. So the dictionary's sentence, which states the risk ("is low", "falling"), is said
 * only when the value is plainly on the risky side ({@link #statesTheRisk}); otherwise the reason names the measure,
 * its value and which way is riskier, and says that the model weighed it as raising the risk.
 *
 * <p>Where the risky side starts follows from the dictionary, not from a list of features: a signed change (a typical
 * range from below to above 0: trends, drifts, changes in machines) states its direction as soon as it has it; a
 * level states its risk in the riskier {@linkplain #RISKY_PART_OF_TYPICAL_RANGE third} of its typical range. A range
 * spanning {@linkplain #LOG_SCALE_FROM_SPAN an order of magnitude} is read in ratios: a factory of 50 units a day and
 * one of 20,000 are both typical, so "low output" is near 50, not below 6,700; a count or duration from 0 (days
 * without output, hours of downtime) in ratios of 1 + value, so that "several days" starts after a week or so, not
 * after 20 of the typical 0–30.
 */
public final class OwnMeasureWording {

    /**
     * The part of a level's typical range, from its riskier end, in which the dictionary's sentence is said. Half
     * would call the middle of the range "low"; a third keeps the words for values a credit officer would call so.
     */
    public static final double RISKY_PART_OF_TYPICAL_RANGE = 1.0 / 3;
    /** A typical range of positive values whose high end is at least this many times its low end is read in ratios. */
    public static final double LOG_SCALE_FROM_SPAN = 10;

    /** How a unit of the dictionary reads beside a number; {@code percent} units are stored as fractions. */
    private record UnitWords(boolean percent, String enOne, String enMany, String zh) {
    }

    private static final Map<String, UnitWords> UNITS = Map.of(
            "share", new UnitWords(true, "%s%%", "%s%%", "%s%%"),
            "ratio", new UnitWords(true, "%s%%", "%s%%", "%s%%"),
            "1/day", new UnitWords(true, "%s%% a day", "%s%% a day", "每天%s%%"),
            "units/day", new UnitWords(false, "%s unit a day", "%s units a day", "日均%s件"),
            "kWh/unit", new UnitWords(false, "%s kWh per good unit", "%s kWh per good unit", "每件合格品%s千瓦时"),
            "machine-hours/day", new UnitWords(false, "%s machine-hour with downtime a day",
                    "%s machine-hours with downtime a day", "日均%s个停机机时"),
            "hours/day", new UnitWords(false, "%s hour a day", "%s hours a day", "日均%s小时"),
            "machines", new UnitWords(false, "%s machine", "%s machines", "%s台"),
            "days", new UnitWords(false, "%s day", "%s days", "%s天"));

    private OwnMeasureWording() {
    }

    /**
     * The value from which on (exclusive) the dictionary's sentence is said: below it for a feature where lower is
     * riskier, above it otherwise. 0 for a signed change, whose sign is its direction.
     */
    public static double riskWordedBeyond(FeatureDefinition feature) {
        double low = feature.typicalLow();
        double high = feature.typicalHigh();
        if (low < 0 && high > 0) {
            return 0;
        }
        boolean higherIsRiskier = feature.riskierWhen() == RiskDirection.HIGHER_IS_RISKIER;
        double position = higherIsRiskier ? 1 - RISKY_PART_OF_TYPICAL_RANGE : RISKY_PART_OF_TYPICAL_RANGE;
        // A count from 0 has no ratio to 0; from 1 + value on, one more day of a gap weighs less the longer it is.
        double offset = low == 0 ? 1 : 0;
        if (low + offset > 0 && (high + offset) / (low + offset) >= LOG_SCALE_FROM_SPAN) {
            return (low + offset) * Math.pow((high + offset) / (low + offset), position) - offset;
        }
        return low + (high - low) * position;
    }

    /** Whether the dictionary's sentence ("is low", "has been falling") is true of this value. */
    public static boolean statesTheRisk(FeatureDefinition feature, double value) {
        double beyond = riskWordedBeyond(feature);
        return feature.riskierWhen() == RiskDirection.HIGHER_IS_RISKIER ? value > beyond : value < beyond;
    }

    /**
     * "Machine utilisation over the last 30 days is low (machine utilisation 15%)" when it is; "Machine utilisation over the last 30 days:
     * 55% (the lower, the riskier) — weighed by the model as raising the risk relative to typical SMEs" when it is not.
     */
    static ReasonText of(FeatureDefinition feature, double value) {
        ReasonText shown = valueWithUnit(feature, value);
        MeasureName measure = MeasureName.of(feature);
        if (statesTheRisk(feature, value)) {
            // A bare percentage beside "High share of rejected output" would read as the rejected share; it is the
            // quality rate, so percentages are labelled by their measure. Units in words label themselves.
            boolean bare = UNITS.get(feature.unit()).percent();
            ReasonText label = bare ? measure.label() : new ReasonText("", "");
            return new ReasonText(feature.reasonEn() + " (" + label.en() + shown.en() + ")",
                    feature.reasonZh() + "（" + label.zh() + shown.zh() + "）");
        }
        boolean higherIsRiskier = feature.riskierWhen() == RiskDirection.HIGHER_IS_RISKIER;
        return new ReasonText(
                measure.en() + ": " + shown.en() + " (the " + (higherIsRiskier ? "higher" : "lower")
                        + ", the riskier) — weighed by the model as raising the risk relative to typical SMEs",
                measure.zh() + "：" + shown.zh() + "（数值越" + (higherIsRiskier ? "高" : "低")
                        + "风险越大），与一般中小企业相比，模型判定此项提高了风险");
    }

    /**
     * The value in its unit, e.g. "41%", "-1.2% a day", "3 machines", "日均4,100件". A signed change carries its sign
     * ("+2%"), so that a rise never reads like a level.
     */
    static ReasonText valueWithUnit(FeatureDefinition feature, double value) {
        UnitWords unit = UNITS.get(feature.unit());
        if (unit == null) {
            throw new IllegalStateException("No wording for the unit " + feature.unit() + " of " + feature.name()
                    + ": add it to OwnMeasureWording");
        }
        BigDecimal rounded = readable(unit.percent() ? value * 100 : value);
        String number = rounded.abs().compareTo(BigDecimal.valueOf(1000)) >= 0
                ? String.format(Locale.ROOT, "%,d", rounded.longValueExact())
                : rounded.toPlainString();
        if (feature.typicalLow() < 0 && rounded.signum() > 0) {
            number = "+" + number;
        }
        String en = rounded.abs().compareTo(BigDecimal.ONE) == 0 ? unit.enOne() : unit.enMany();
        return new ReasonText(en.formatted(number), unit.zh().formatted(number));
    }

    /**
     * Two significant digits below 100 and whole numbers from there: enough to read a measure by, and never rounding
     * a small non-zero change to a 0 that would contradict "falling" or "rising".
     */
    private static BigDecimal readable(double value) {
        BigDecimal exact = new BigDecimal(value);
        BigDecimal rounded = exact.abs().compareTo(BigDecimal.valueOf(100)) >= 0
                ? exact.setScale(0, RoundingMode.HALF_UP)
                : exact.round(new MathContext(2, RoundingMode.HALF_UP));
        return rounded.signum() == 0 ? BigDecimal.ZERO : rounded.stripTrailingZeros().setScale(
                Math.max(0, rounded.stripTrailingZeros().scale()));
    }
}
