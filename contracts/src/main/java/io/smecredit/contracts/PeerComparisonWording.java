package io.smecredit.contracts;

import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The words of a peer comparison ({@code *_cohort_z}, {@code *_cohort_pct}) as a principal reason. They describe the
 * value the SME has, not the direction that would be risky: a model can name a comparison as a reason when the SME
 * sits close to its peers, or even on their safer side, and a fixed "volatile, far from the norm of peers" then told
 * a bank something the number beside it contradicted. So the sentence leads with the measure, neutrally ("Output
 * volatility over the last 30 days"), and says where the SME stands, in words that are true whichever way of the
 * measure is riskier.
 */
public final class PeerComparisonWording {

    /** A z-score closer to 0 than this is "close to the average of peers": half a standard deviation. */
    public static final double CLOSE_TO_AVERAGE_BELOW = 0.5;
    /** A z-score at least this far from 0 is "far above" or "far below" the average: two standard deviations. */
    public static final double FAR_FROM_AVERAGE_FROM = 2.0;

    private static final String PEERS_EN = " of peers in the same industry and region";
    private static final String PEERS_ZH = "同行业同地区";

    private PeerComparisonWording() {
    }

    /** Where a z-score puts the SME against its cohort's average, strongest above to strongest below. */
    enum Standing {
        FAR_ABOVE("far above", "明显高于"),
        ABOVE("above", "高于"),
        CLOSE("close to", "接近"),
        BELOW("below", "低于"),
        FAR_BELOW("far below", "明显低于");

        final String en;
        final String zh;

        Standing(String en, String zh) {
            this.en = en;
            this.zh = zh;
        }

        static Standing of(double z) {
            double distance = Math.abs(z);
            if (distance < CLOSE_TO_AVERAGE_BELOW) {
                return CLOSE;
            }
            boolean far = distance >= FAR_FROM_AVERAGE_FROM;
            return z > 0 ? (far ? FAR_ABOVE : ABOVE) : (far ? FAR_BELOW : BELOW);
        }
    }

    /**
     * The dictionary's text of a comparison, for documentation: every wording it can take, e.g. "Output volatility
     * over the last 30 days: far above / above / close to / below / far below the average of peers in the same
     * industry and region".
     */
    static ReasonText template(FeatureDefinition base, boolean percentile) {
        MeasureName measure = MeasureName.of(base);
        if (percentile) {
            return new ReasonText(
                    measure.en() + ": higher than N% / lower than N% / at the median" + PEERS_EN,
                    measure.zh() + "：高于/低于" + PEERS_ZH + "N%的企业，或处于" + PEERS_ZH + "企业的中位水平");
        }
        return new ReasonText(
                measure.en() + ": " + Arrays.stream(Standing.values()).map(s -> s.en).collect(Collectors.joining(" / "))
                        + " the average" + PEERS_EN,
                measure.zh() + "：" + Arrays.stream(Standing.values()).map(s -> s.zh).collect(Collectors.joining("/"))
                        + PEERS_ZH + "企业的平均水平");
    }

    /** Where a z-score puts the SME, e.g. "Output volatility over the last 30 days: close to the average of peers …". */
    static ReasonText ofZScore(FeatureDefinition base, double z) {
        MeasureName measure = MeasureName.of(base);
        Standing standing = Standing.of(z);
        return new ReasonText(measure.en() + ": " + standing.en + " the average" + PEERS_EN,
                measure.zh() + "：" + standing.zh + PEERS_ZH + "企业的平均水平");
    }

    /**
     * Where a mid-rank percentile puts the SME, counted from the side it is on: 0.72 is "higher than 72% of peers",
     * 0.15 "lower than 85% of peers". Whole percents are rounded down, so the text never claims more peers than the
     * percentile holds. Empty outside 0–1: no cohort gives such a percentile (only a hand-made vector sent to the
     * scoring API does), and no comparison in words would be true of it.
     */
    static Optional<ReasonText> ofPercentile(FeatureDefinition base, double percentile) {
        if (!(percentile >= 0 && percentile <= 1)) {
            return Optional.empty();
        }
        MeasureName measure = MeasureName.of(base);
        if (percentile == 0.5) {
            return Optional.of(new ReasonText(measure.en() + ": at the median" + PEERS_EN,
                    measure.zh() + "：处于" + PEERS_ZH + "企业的中位水平"));
        }
        boolean higher = percentile > 0.5;
        int share = wholePercentRoundedDown(higher ? percentile : 1 - percentile);
        return Optional.of(higher
                ? new ReasonText(measure.en() + ": higher than " + share + "%" + PEERS_EN,
                        measure.zh() + "：高于" + PEERS_ZH + share + "%的企业")
                : new ReasonText(measure.en() + ": lower than " + share + "%" + PEERS_EN,
                        measure.zh() + "：低于" + PEERS_ZH + share + "%的企业"));
    }

    private static int wholePercentRoundedDown(double share) {
        // The tolerance keeps binary fractions such as 0.29 * 100 = 28.999999999999996 at the percent they print as.
        return (int) Math.floor(share * 100 + 1e-9);
    }
}
