package io.smecredit.ingestion.features.docs;

import io.smecredit.contracts.FeatureDefinition;
import io.smecredit.contracts.FeatureDictionary;
import io.smecredit.contracts.OwnMeasureWording;
import io.smecredit.contracts.PeerComparisonWording;
import io.smecredit.contracts.ReasonText;
import io.smecredit.contracts.RiskDirection;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * docs/features.md is generated from {@link FeatureDictionary}, so the human-readable dictionary can never drift from
 * the one the services use. When the dictionary changes this test fails; regenerate with
 * {@code mvn -pl ingestion-service test -Dtest=FeatureDictionaryDocTest -Dfeatures.doc.write=true}.
 */
class FeatureDictionaryDocTest {

    private static final Path DOC = Path.of("..", "docs", "features.md");

    @Test
    void docsFeaturesMdListsEveryFeatureOfTheDictionary() throws IOException {
        String expected = render();
        if (Boolean.getBoolean("features.doc.write")) {
            Files.writeString(DOC, expected, StandardCharsets.UTF_8);
        }
        assertThat(DOC).as("docs/features.md exists (generate it with -Dfeatures.doc.write=true)").exists();
        assertThat(Files.readString(DOC, StandardCharsets.UTF_8))
                .as("docs/features.md is stale: regenerate it with -Dfeatures.doc.write=true")
                .isEqualTo(expected);
    }

    static String render() {
        StringBuilder doc = new StringBuilder();
        doc.append("""
                # Feature dictionary (schema version %d)

                <!-- Generated from io.smecredit.contracts.FeatureDictionary by ingestion-service's FeatureDictionaryDocTest;
                     do not edit by hand: regenerate with
                     mvn -pl ingestion-service test -Dtest=FeatureDictionaryDocTest -Dfeatures.doc.write=true -->

                Every feature the ingestion service's feature engine publishes on `sme.features.v1` (and keeps as daily
                snapshots, `GET /api/v1/smes/{smeId}/features`). The scoring service takes monotone constraints and
                reason texts from the same dictionary, the loan service its feature summaries.

                ## How the values are computed

                - **Event time, daily buckets.** Each telemetry event is added to its SME's bucket of its own UTC day.
                  A vector's `asOf` is the newest event time seen for the SME — or, once the SME has sent nothing for an hour
                  past the end of that day, the start of the current UTC day (silent SMEs are aged daily, so `days_since_output`
                  keeps growing; [ingestion.md](ingestion.md#feature-engine-kafka-streams)). Out-of-order and late
                  events (accepted up to 7 days late) change only their own day's bucket; `asOf` never moves back.
                - **Windows of complete days.** The 1-day window (`*_1d`) is the day of `asOf` so far. A window of
                  7, 30 or 90 days is the 7, 30 or 90 *complete* calendar days (UTC) before the day of `asOf`: at
                  00:05 on 11 March the 7-day window is 4–10 March, and it stays so until midnight. Up to schema 4
                  these windows ended with the unfinished day of `asOf`, so just after midnight a 7-day window held
                  six full days and a few minutes: per-day output fell by almost a seventh, the trend turned
                  sharply negative, volatility jumped, downtime per day and coverage moved and the day without
                  output yet counted as a gap — and an SME's grade, and the price a bank was offered, depended on
                  the hour it applied. Ratios (utilisation, availability, quality, energy per good unit) are not
                  biased by a partial day, which is why the 1-day window stays live; so is `days_since_output`
                  (from the last day with output to the day of `asOf`). A day's telemetry enters the multi-day
                  features with the SME's first vector of the next day (its first report, or its aging at 00:00Z
                  if it stays silent); on an SME's first day of telemetry those windows are empty (coverage 0, no
                  per-day values).
                - **"Per day"** means per day *with data* (at least one event) in the window; days without any
                  telemetry are measured by `data_coverage_*`, not counted as zero output.
                - **Series features** (`output_trend_*`, `output_volatility_*`) use the daily units produced on the
                  days with data; they need at least two such days and a positive mean.
                - **Production gaps** (`longest_gap_days_*`) count days without units produced (no data counts as
                  no output), starting from the SME's first day of telemetry, so a newly connected SME is not
                  penalised for the time before it was connected.
                - **Downtime frequency** (`downtime_events_per_day_*`, a name kept from schema 2) counts *machine-hours*
                  with down time: each pair (machine, UTC clock hour of the event's timestamp) with any `downSeconds > 0`
                  counts once, however many events report it, in whatever order, so a gateway reporting every 5 seconds
                  and an hourly one give the same value for the same stoppages. An event covers at most one hour
                  ([ingestion.md](ingestion.md#validation)) and is counted in the hour of its timestamp: a gateway that
                  stamps each report with the end of its interval, like the simulator's hourly history (10:00 for
                  09:00–10:00), has it counted in the following clock hour, which leaves the count unchanged. Until
                  schema 3 it counted events, which grew with the reporting rate (day buckets stored by that version
                  carry an estimate, see [ingestion.md](ingestion.md#feature-engine-kafka-streams)).
                - **Missing values.** A feature whose denominator is zero (no produced units for a quality rate, no good
                  units for energy intensity, a cohort without spread for a z-score, …) is left out of the vector
                  rather than reported as 0 or NaN: "no data" must not look like "worst possible".
                - **Cohorts.** Every SME belongs to the cohort *industry × region* of its registration. `*_cohort_pct`
                  is the SME's mid-rank percentile (0–1; ties count half) and `*_cohort_z` its z-score against the
                  population mean and standard deviation, both over the current values of all cohort members (each
                  member's latest vector), computed when the SME's own vector changes.
                - **Minimum cohort size.** A cohort comparison is computed only when at least **%d** members (the SME
                  included) have a value for the feature (`FeatureDictionary.MIN_COHORT_MEMBERS`); otherwise both
                  cohort features are left out. Below that a percentile says little about a market, and it would
                  disclose non-consenting SMEs to a bank that may read one member: in a cohort of two, a bank with
                  consent for one learns whether the other is doing better or worse. Until schema 3 a lone member got
                  the percentile 0.5; schema 4 leaves it out. A scored SME missing a comparison gets the reason "No
                  comparison with peers for …" when that raised its risk.

                ## Features

                | # | name | meaning | unit | window | riskier when | typical range |
                |---|---|---|---|---|---|---|
                """.formatted(FeatureDictionary.SCHEMA_VERSION, FeatureDictionary.MIN_COHORT_MEMBERS));
        int number = 1;
        for (FeatureDefinition feature : FeatureDictionary.all()) {
            doc.append("| ").append(number++)
                    .append(" | `").append(feature.name()).append('`')
                    .append(" | ").append(escape(feature.meaning()))
                    .append(" | ").append(escape(feature.unit()))
                    .append(" | ").append(feature.windowDays() == null ? "point in time" : feature.windowDays() + " d")
                    .append(" | ").append(feature.riskierWhen() == RiskDirection.HIGHER_IS_RISKIER ? "higher" : "lower")
                    .append(" | ").append(number(feature.typicalLow())).append(" – ").append(number(feature.typicalHigh()))
                    .append(" |\n");
        }
        doc.append("""

                ## Reason texts

                When a feature pushes a score towards default, credit reports use these words (English / 简体中文). A
                report names each measure once: of several windows of one measure (`active_machines_7d`,
                `active_machines_90d`) only the one that raised the risk most is a reason, and a cohort percentile and
                z-score of the same base are one peer comparison.

                A peer comparison is worded by its value, so that a reason never says more than the number beside it:
                it names the measure and where the SME stands, whichever way is riskier. A z-score below %s in size is
                "close to the average of peers", from %s on "far above" or "far below" it, in between "above" or
                "below"; a percentile p is "higher than N%% of peers" with N = p in whole percents rounded down when
                p > 0.5, "lower than N%% of peers" with N = 1 − p when p < 0.5, and "at the median" at 0.5
                (`FeatureDictionary.reason`). A percentile outside 0–1, which only a hand-made vector sent to the
                scoring API can hold, is given as its value. The table lists every wording a comparison can take; for
                example:

                - `output_volatility_30d_cohort_z` = −0.41: "%s" / "%s"
                - `quality_rate_30d_cohort_pct` = 0.15: "%s" / "%s"

                The SME's own measures are worded by their value too. A model names a feature as a reason when its
                value pushed the risk up against the model's reference, which need not make it bad in itself (a
                slightly rising trend, no breakdowns at all), so the table's sentence, which states the risk, is said
                only where the value is plainly risky: a signed change (typical range from below to above 0) on its
                risky side of 0, a level in the riskier %s of its typical range. A range spanning %s times or more is
                read in ratios (of 1 + value for a range from 0), so that "low output" means near 50 units a day, not
                below 6,700. The sentence then carries the value, a percentage labelled by its measure:

                - `output_trend_7d` = −0.12: "%s" / "%s"
                - `quality_rate_30d` = 0.874: "%s" / "%s"

                Otherwise the reason names the measure, its value and which way is riskier, and says the model
                weighed it as raising the risk:

                - `output_trend_7d` = +0.02: "%s" / "%s"
                - `days_since_output` = 1: "%s" / "%s"

                | name | reason (en) | reason (zh) | said when |
                |---|---|---|---|
                """.formatted(number(PeerComparisonWording.CLOSE_TO_AVERAGE_BELOW),
                number(PeerComparisonWording.FAR_FROM_AVERAGE_FROM),
                example("output_volatility_30d_cohort_z", -0.41).en(), example("output_volatility_30d_cohort_z", -0.41).zh(),
                example("quality_rate_30d_cohort_pct", 0.15).en(), example("quality_rate_30d_cohort_pct", 0.15).zh(),
                OwnMeasureWording.RISKY_PART_OF_TYPICAL_RANGE == 1.0 / 3 ? "third"
                        : number(OwnMeasureWording.RISKY_PART_OF_TYPICAL_RANGE),
                number(OwnMeasureWording.LOG_SCALE_FROM_SPAN),
                example("output_trend_7d", -0.12).en(), example("output_trend_7d", -0.12).zh(),
                example("quality_rate_30d", 0.874).en(), example("quality_rate_30d", 0.874).zh(),
                example("output_trend_7d", 0.02).en(), example("output_trend_7d", 0.02).zh(),
                example("days_since_output", 1).en(), example("days_since_output", 1).zh()));
        for (FeatureDefinition feature : FeatureDictionary.all()) {
            doc.append("| `").append(feature.name()).append("` | ").append(escape(feature.reasonEn()))
                    .append(" | ").append(escape(feature.reasonZh()))
                    .append(" | ").append(saidWhen(feature)).append(" |\n");
        }
        return doc.toString();
    }

    /** The values of which the sentence is said, e.g. "< 0.433"; a peer comparison picks its wording by value. */
    private static String saidWhen(FeatureDefinition feature) {
        if (feature.name().endsWith(FeatureDictionary.COHORT_Z_SUFFIX)
                || feature.name().endsWith(FeatureDictionary.COHORT_PERCENTILE_SUFFIX)) {
            return "by value";
        }
        double beyond = OwnMeasureWording.riskWordedBeyond(feature);
        return (feature.riskierWhen() == RiskDirection.HIGHER_IS_RISKIER ? "> " : "< ")
                + new BigDecimal(beyond).round(new MathContext(3)).stripTrailingZeros().toPlainString();
    }

    private static ReasonText example(String feature, double value) {
        return FeatureDictionary.reason(feature, value).orElseThrow();
    }

    private static String escape(String text) {
        return text.replace("|", "\\|");
    }

    private static String number(double value) {
        return value == Math.rint(value) ? String.valueOf((long) value) : String.valueOf(value);
    }
}
