package io.smecredit.contracts;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A measure's neutral name, as the lead of a reason worded by its value ("Machine utilisation over the last 30 days",
 * "近30天设备利用率"). Named per measure rather than derived from the feature's reason text, which says which way is
 * bad ("is low") and would contradict a value on the safer side.
 */
record MeasureName(String en, String zh, ReasonText label) {

    /** Worded once per feature: a score's reasons ask for them on every vector scored. */
    private static final Map<String, MeasureName> BY_FEATURE = new ConcurrentHashMap<>();

    static MeasureName of(FeatureDefinition feature) {
        return BY_FEATURE.computeIfAbsent(feature.name(), name -> wordsOf(feature));
    }

    private static MeasureName wordsOf(FeatureDefinition feature) {
        Integer days = feature.windowDays();
        String measure = days == null ? feature.name() : feature.name().substring(0, feature.name().lastIndexOf('_'));
        ReasonText words = switch (measure) {
            case "utilisation" -> new ReasonText("Machine utilisation", "设备利用率");
            case "availability" -> new ReasonText("Machine availability (share of time not down)", "设备可用率（非停机时间占比）");
            case "quality_rate" -> new ReasonText("Quality rate (share of good units)", "合格率");
            case "output_units_per_day" -> new ReasonText("Production output", "产量");
            case "output_trend" -> new ReasonText("Output trend", "产量变化趋势");
            case "output_volatility" -> new ReasonText("Output volatility", "产量波动程度");
            case "energy_kwh_per_good_unit" -> new ReasonText("Energy use per good unit", "单位合格品能耗");
            case "downtime_events_per_day" -> new ReasonText("Machine breakdowns", "设备故障");
            case "downtime_hours_per_day" -> new ReasonText("Machine downtime per day", "日均设备停机时长");
            case "active_machines" -> new ReasonText("Active machines", "在用设备");
            case "data_coverage" -> new ReasonText("Days with telemetry", "有数据的天数占比");
            case "longest_gap_days" -> new ReasonText("Longest stretch without output", "最长连续停产");
            case "energy_intensity_drift" -> new ReasonText(
                    "Change in energy use per good unit (last 7 days against the last 90)",
                    "单位合格品能耗变化（近7天对比近90天）");
            case "active_machines_change" -> new ReasonText(
                    "Change in active machines (last 7 days against the last 90)", "在用设备数变化（近7天对比近90天）");
            case "days_since_output" -> new ReasonText("Time since the last day with output", "距最近一次有产出");
            default -> throw new IllegalStateException(
                    "No measure name for " + feature.name() + ": add the measure to MeasureName");
        };
        // The label names the measure beside a value in a sentence that already says the window, without the
        // parenthetical explanation, which would nest brackets: "(quality rate 88%)".
        String labelEn = words.en().replaceFirst(" \\(.*\\)$", "");
        ReasonText label = new ReasonText(Character.toLowerCase(labelEn.charAt(0)) + labelEn.substring(1) + " ",
                words.zh().replaceFirst("（.*）$", ""));
        if (days == null) {
            return new MeasureName(words.en(), words.zh(), label);
        }
        return new MeasureName(words.en() + " over the last " + (days == 1 ? "day" : days + " days"),
                "近" + days + "天" + words.zh(), label);
    }
}
