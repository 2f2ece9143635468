package io.smecredit.model.report;

import io.smecredit.model.CrossValidationResult;
import io.smecredit.model.Metrics;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A self-contained HTML page (inline SVG, no external assets) with the cross-validation results: metric table,
 * ROC, KS, calibration and score-distribution plots, and feature importance. Plots use the pooled out-of-fold
 * PDs, so every point is a prediction for a borrower the model had not seen.
 */
public final class EvaluationReport {

    private static final int W = 520;
    private static final int H = 380;
    private static final int L = 60;
    private static final int R = 20;
    private static final int T = 30;
    private static final int B = 50;
    private static final String GOOD = "#2b7bba";
    private static final String BAD = "#d7301f";

    private EvaluationReport() {
    }

    public static String html(String title, CrossValidationResult cv, List<String> notes, Map<String, Object> metricsJson) {
        double[] pds = cv.outOfFoldPds();
        float[] labels = cv.labels();
        Metrics pooled = cv.pooled();
        StringBuilder page = new StringBuilder();
        page.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Model evaluation — ")
                .append(escape(title)).append("</title>\n<style>")
                .append("body{font-family:system-ui,-apple-system,Segoe UI,Roboto,sans-serif;margin:24px;color:#222;max-width:1120px}")
                .append("h1{font-size:22px}h2{font-size:17px;margin:6px 0}table{border-collapse:collapse;margin:8px 0 16px}")
                .append("td,th{border:1px solid #ccc;padding:4px 10px;text-align:right;font-variant-numeric:tabular-nums}")
                .append("th{background:#f3f3f3}td:first-child,th:first-child{text-align:left}")
                .append(".grid{display:flex;flex-wrap:wrap;gap:20px}.card{border:1px solid #ddd;border-radius:6px;padding:10px}")
                .append(".muted{color:#666;font-size:13px}svg text{font-family:inherit}</style></head><body>\n");
        page.append("<h1>Model evaluation — ").append(escape(title)).append("</h1>\n");
        boolean searched = searched(metricsJson);
        Object foldsFile = metricsJson.get("folds_file");
        page.append("<p class=\"muted\">").append(cv.folds().size())
                .append(foldsFile == null ? "-fold stratified cross-validation"
                        : "-fold cross-validation on the folds given in " + escape(String.valueOf(foldsFile)))
                .append(" of the whole training procedure (early stopping, calibration")
                .append(searched ? " and the tree-shape search" : "").append(" inside each fold); ")
                .append(pds.length).append(" rows, ").append(countPositives(labels)).append(" defaults; ")
                .append(String.format(Locale.ROOT, "%.1f s", cv.seconds())).append(". Plots use the pooled out-of-fold PDs.</p>\n");

        page.append("<h2>Metrics</h2>\n<table><tr><th>fold</th><th>AUC</th><th>KS</th><th>Gini</th><th>Brier</th>")
                .append("<th>log loss</th><th>ECE</th><th>rounds</th>")
                .append(searched ? "<th>tree shape chosen by the search</th>" : "").append("</tr>\n");
        for (int f = 0; f < cv.folds().size(); f++) {
            metricRow(page, String.valueOf(f + 1), cv.folds().get(f), String.valueOf(cv.roundsPerFold().get(f)),
                    searched ? cv.treeShape(f) : null);
        }
        metricRow(page, "<b>mean</b>", cv.mean(), "", searched ? "" : null);
        metricRow(page, "pooled", pooled, "", searched ? "" : null);
        page.append("</table>\n");

        page.append("<div class=\"grid\">\n");
        card(page, "ROC curve (AUC " + f3(pooled.auc()) + ")", roc(pds, labels));
        card(page, "KS: cumulative share by PD (KS " + f3(pooled.ks()) + ")", ks(pds, labels));
        card(page, "Calibration: mean PD vs observed default rate (ECE " + f3(pooled.ece()) + ")", calibration(pds, labels));
        card(page, "Score distribution: PD of defaulters and non-defaulters", distribution(pds, labels));
        page.append("</div>\n");

        page.append("<h2 style=\"margin-top:18px\">Feature importance (mean |SHAP| on held-out rows, log-odds)</h2>\n");
        page.append(importance(cv.featureImportance()));
        if (!notes.isEmpty()) {
            page.append("<h2>Data notes</h2><ul>");
            notes.forEach(n -> page.append("<li>").append(escape(n)).append("</li>"));
            page.append("</ul>\n");
        }
        Object options = metricsJson.get("options");
        if (options != null) {
            page.append("<p class=\"muted\">Training options: ").append(escape(String.valueOf(options))).append("</p>\n");
        }
        page.append("</body></html>\n");
        return page.toString();
    }

    private static boolean searched(Map<String, Object> metricsJson) {
        return metricsJson.get("options") instanceof Map<?, ?> options && Boolean.TRUE.equals(options.get("search"));
    }

    private static void metricRow(StringBuilder page, String name, Metrics m, String rounds, String shape) {
        page.append("<tr><td>").append(name).append("</td><td>").append(f4(m.auc())).append("</td><td>")
                .append(f4(m.ks())).append("</td><td>").append(f4(m.gini())).append("</td><td>").append(f4(m.brier()))
                .append("</td><td>").append(f4(m.logloss())).append("</td><td>").append(f4(m.ece())).append("</td><td>")
                .append(rounds).append("</td>").append(shape == null ? "" : "<td>" + escape(shape) + "</td>")
                .append("</tr>\n");
    }

    private static void card(StringBuilder page, String heading, String svg) {
        page.append("<div class=\"card\"><h2>").append(escape(heading)).append("</h2>").append(svg).append("</div>\n");
    }

    /**
     * A round tick spacing giving four to ten ticks up to {@code max}: 1, 2 or 5 times a power of ten (0.1, 0.2, 0.05),
     * so ticks fall on the calibration plot's 0.1-wide bins instead of at 0.18, 0.36, ….
     */
    static double tickStep(double max) {
        double magnitude = Math.pow(10, Math.floor(Math.log10(max / 5)));
        for (double factor : new double[]{1, 2, 5, 10}) {
            if (max / (factor * magnitude) <= 10 && max / (factor * magnitude) >= 4 || factor == 10) {
                return factor * magnitude;
            }
        }
        return magnitude;
    }

    /** Plot frame with axes from 0..xMax and 0..yMax, ticks and labels. */
    private static StringBuilder frame(String xLabel, String yLabel, double xMax, double yMax, boolean percentX) {
        StringBuilder svg = new StringBuilder();
        svg.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(W).append("\" height=\"").append(H)
                .append("\" viewBox=\"0 0 ").append(W).append(' ').append(H).append("\" role=\"img\">");
        svg.append("<rect x=\"").append(L).append("\" y=\"").append(T).append("\" width=\"").append(W - L - R)
                .append("\" height=\"").append(H - T - B).append("\" fill=\"#fff\" stroke=\"#888\"/>");
        double xStep = tickStep(xMax);
        for (int i = 0; i * xStep <= xMax * (1 + 1e-9); i++) {
            double fx = i * xStep;
            double px = x(fx, xMax);
            svg.append(line(px, T, px, H - B, "#eee", 1));
            svg.append(text(px, H - B + 16, percentX ? Math.round(fx * 100) + "%" : trim(fx), "middle", 11));
        }
        double yStep = tickStep(yMax);
        for (int i = 0; i * yStep <= yMax * (1 + 1e-9); i++) {
            double fy = i * yStep;
            double py = y(fy, yMax);
            svg.append(line(L, py, W - R, py, "#eee", 1));
            svg.append(text(L - 6, py + 4, trim(fy), "end", 11));
        }
        svg.append(text((L + W - R) / 2.0, H - 12, xLabel, "middle", 12));
        svg.append("<text x=\"16\" y=\"").append((T + H - B) / 2).append("\" font-size=\"12\" text-anchor=\"middle\" ")
                .append("transform=\"rotate(-90 16 ").append((T + H - B) / 2).append(")\">").append(escape(yLabel))
                .append("</text>");
        return svg;
    }

    private static String roc(double[] pds, float[] labels) {
        Integer[] order = descending(pds);
        long positives = countPositives(labels);
        long negatives = labels.length - positives;
        List<double[]> points = new ArrayList<>();
        points.add(new double[]{0, 0});
        long tp = 0;
        long fp = 0;
        int i = 0;
        while (i < order.length) {
            double value = pds[order[i]];
            while (i < order.length && pds[order[i]] == value) {
                if (labels[order[i]] == 1f) {
                    tp++;
                } else {
                    fp++;
                }
                i++;
            }
            points.add(new double[]{(double) fp / negatives, (double) tp / positives});
        }
        StringBuilder svg = frame("false positive rate (non-defaulters flagged)", "true positive rate (defaulters caught)", 1, 1, false);
        svg.append(line(x(0, 1), y(0, 1), x(1, 1), y(1, 1), "#aaa", 1).replace("/>", " stroke-dasharray=\"4 4\"/>"));
        svg.append(polyline(thin(points, 600), 1, 1, BAD, 2.2));
        svg.append(legend(new String[]{"model", "random"}, new String[]{BAD, "#aaa"}));
        return svg.append("</svg>").toString();
    }

    private static String ks(double[] pds, float[] labels) {
        Integer[] order = ascending(pds);
        long positives = countPositives(labels);
        long negatives = labels.length - positives;
        List<double[]> goods = new ArrayList<>();
        List<double[]> bads = new ArrayList<>();
        goods.add(new double[]{0, 0});
        bads.add(new double[]{0, 0});
        long seenGood = 0;
        long seenBad = 0;
        double bestGap = -1;
        double[] best = null;
        int i = 0;
        while (i < order.length) {
            double value = pds[order[i]];
            while (i < order.length && pds[order[i]] == value) {
                if (labels[order[i]] == 1f) {
                    seenBad++;
                } else {
                    seenGood++;
                }
                i++;
            }
            double share = (double) i / order.length;
            double g = (double) seenGood / negatives;
            double b = (double) seenBad / positives;
            goods.add(new double[]{share, g});
            bads.add(new double[]{share, b});
            if (g - b > bestGap) {
                bestGap = g - b;
                best = new double[]{share, g, b, value};
            }
        }
        StringBuilder svg = frame("borrowers ordered by PD, lowest first (share of population)", "cumulative share", 1, 1, true);
        svg.append(polyline(thin(goods, 600), 1, 1, GOOD, 2.2));
        svg.append(polyline(thin(bads, 600), 1, 1, BAD, 2.2));
        if (best != null) {
            svg.append(line(x(best[0], 1), y(best[1], 1), x(best[0], 1), y(best[2], 1), "#222", 1.5)
                    .replace("/>", " stroke-dasharray=\"3 3\"/>"));
            svg.append(text(x(best[0], 1) + 6, y((best[1] + best[2]) / 2, 1), "KS " + f3(bestGap) + " at PD " + f3(best[3]),
                    "start", 11));
        }
        svg.append(legend(new String[]{"non-defaulters", "defaulters"}, new String[]{GOOD, BAD}));
        return svg.append("</svg>").toString();
    }

    private static String calibration(double[] pds, float[] labels) {
        int bins = Metrics.ECE_BINS;
        double[] sumPd = new double[bins];
        double[] sumY = new double[bins];
        int[] count = new int[bins];
        double maxPd = 0;
        for (int i = 0; i < pds.length; i++) {
            int bin = Math.min(bins - 1, (int) Math.floor(pds[i] * bins));
            sumPd[bin] += pds[i];
            sumY[bin] += labels[i];
            count[bin]++;
        }
        for (int b = 0; b < bins; b++) {
            if (count[b] > 0) {
                maxPd = Math.max(maxPd, Math.max(sumPd[b] / count[b], sumY[b] / count[b]));
            }
        }
        double axis = Math.min(1, Math.ceil((maxPd + 0.05) * 10) / 10);
        StringBuilder svg = frame("mean predicted PD in bin", "observed default rate", axis, axis, false);
        svg.append(line(x(0, axis), y(0, axis), x(axis, axis), y(axis, axis), "#aaa", 1)
                .replace("/>", " stroke-dasharray=\"4 4\"/>"));
        List<double[]> points = new ArrayList<>();
        for (int b = 0; b < bins; b++) {
            if (count[b] > 0) {
                points.add(new double[]{sumPd[b] / count[b], sumY[b] / count[b]});
            }
        }
        svg.append(polyline(points, axis, axis, BAD, 1.5));
        for (int b = 0; b < bins; b++) {
            if (count[b] == 0) {
                continue;
            }
            double px = x(sumPd[b] / count[b], axis);
            double py = y(sumY[b] / count[b], axis);
            double radius = 3 + 9 * Math.sqrt((double) count[b] / pds.length);
            svg.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"%.1f\" fill=\"%s\" fill-opacity=\"0.6\"/>",
                    px, py, radius, BAD));
            svg.append(text(px + radius + 2, py - 2, "n=" + count[b], "start", 10));
        }
        svg.append(legend(new String[]{"bins of width 0.1 (size ~ rows)", "perfect calibration"}, new String[]{BAD, "#aaa"}));
        return svg.append("</svg>").toString();
    }

    private static String distribution(double[] pds, float[] labels) {
        double[] sorted = pds.clone();
        Arrays.sort(sorted);
        double top = sorted[(int) Math.min(sorted.length - 1, Math.floor(0.995 * sorted.length))];
        double axisX = Math.min(1, Math.ceil(top * 20) / 20 + 0.05);
        int bins = 25;
        double[] good = new double[bins];
        double[] bad = new double[bins];
        long positives = countPositives(labels);
        long negatives = labels.length - positives;
        for (int i = 0; i < pds.length; i++) {
            int bin = Math.min(bins - 1, (int) Math.floor(pds[i] / axisX * bins));
            if (labels[i] == 1f) {
                bad[bin] += 1.0 / positives;
            } else {
                good[bin] += 1.0 / negatives;
            }
        }
        double maxShare = 0;
        for (int b = 0; b < bins; b++) {
            maxShare = Math.max(maxShare, Math.max(good[b], bad[b]));
        }
        double axisY = Math.ceil(maxShare * 20) / 20;
        StringBuilder svg = frame("predicted PD (last bin includes everything above)", "share of the group", axisX, axisY, false);
        double barWidth = (W - L - R) / (double) bins;
        for (int b = 0; b < bins; b++) {
            double x0 = L + b * barWidth;
            svg.append(String.format(Locale.ROOT,
                    "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"%s\" fill-opacity=\"0.55\"/>",
                    x0 + 1, y(good[b], axisY), barWidth / 2 - 1, H - B - y(good[b], axisY), GOOD));
            svg.append(String.format(Locale.ROOT,
                    "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"%s\" fill-opacity=\"0.55\"/>",
                    x0 + barWidth / 2, y(bad[b], axisY), barWidth / 2 - 1, H - B - y(bad[b], axisY), BAD));
        }
        svg.append(legend(new String[]{"non-defaulters", "defaulters"}, new String[]{GOOD, BAD}));
        return svg.append("</svg>").toString();
    }

    private static String importance(Map<String, Double> importance) {
        List<Map.Entry<String, Double>> top = importance.entrySet().stream().limit(20).toList();
        if (top.isEmpty()) {
            return "<p>No features.</p>";
        }
        double max = top.stream().mapToDouble(Map.Entry::getValue).max().orElse(1);
        int row = 22;
        int labelWidth = 260;
        int width = 980;
        int height = top.size() * row + 10;
        StringBuilder svg = new StringBuilder();
        svg.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(width).append("\" height=\"")
                .append(height).append("\" role=\"img\">");
        for (int i = 0; i < top.size(); i++) {
            double value = top.get(i).getValue();
            double barLength = max > 0 ? (width - labelWidth - 90) * value / max : 0;
            int yTop = 5 + i * row;
            svg.append(text(labelWidth - 8, yTop + 15, shorten(top.get(i).getKey(), 40), "end", 12));
            svg.append(String.format(Locale.ROOT,
                    "<rect x=\"%d\" y=\"%d\" width=\"%.1f\" height=\"%d\" fill=\"%s\"/>", labelWidth, yTop + 3,
                    barLength, row - 6, GOOD));
            svg.append(text(labelWidth + barLength + 6, yTop + 15, f4(value), "start", 11));
        }
        return svg.append("</svg>\n").toString();
    }

    private static String legend(String[] names, String[] colors) {
        StringBuilder svg = new StringBuilder();
        for (int i = 0; i < names.length; i++) {
            double yy = T + 14 + i * 16;
            svg.append(line(L + 10, yy - 4, L + 30, yy - 4, colors[i], 3));
            svg.append(text(L + 36, yy, names[i], "start", 11));
        }
        return svg.toString();
    }

    private static List<double[]> thin(List<double[]> points, int max) {
        if (points.size() <= max) {
            return points;
        }
        List<double[]> thinned = new ArrayList<>();
        double step = (points.size() - 1) / (double) (max - 1);
        for (int i = 0; i < max; i++) {
            thinned.add(points.get((int) Math.round(i * step)));
        }
        return thinned;
    }

    private static String polyline(List<double[]> points, double xMax, double yMax, String color, double width) {
        StringBuilder svg = new StringBuilder("<polyline fill=\"none\" stroke=\"" + color + "\" stroke-width=\"" + width + "\" points=\"");
        for (double[] p : points) {
            svg.append(String.format(Locale.ROOT, "%.1f,%.1f ", x(p[0], xMax), y(p[1], yMax)));
        }
        return svg.append("\"/>").toString();
    }

    private static double x(double value, double max) {
        return L + (W - L - R) * value / max;
    }

    private static double y(double value, double max) {
        return H - B - (H - T - B) * Math.min(value, max) / max;
    }

    private static String line(double x1, double y1, double x2, double y2, String color, double width) {
        return String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\" stroke-width=\"%.1f\"/>",
                x1, y1, x2, y2, color, width);
    }

    private static String text(double x, double y, String content, String anchor, int size) {
        return String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" font-size=\"%d\" text-anchor=\"%s\">%s</text>",
                x, y, size, anchor, escape(content));
    }

    private static Integer[] ascending(double[] values) {
        Integer[] order = new Integer[values.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Double.compare(values[a], values[b]));
        return order;
    }

    private static Integer[] descending(double[] values) {
        Integer[] order = ascending(values);
        for (int i = 0, j = order.length - 1; i < j; i++, j--) {
            Integer t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        return order;
    }

    private static long countPositives(float[] labels) {
        long count = 0;
        for (float label : labels) {
            count += label == 1f ? 1 : 0;
        }
        return count;
    }

    private static String trim(double value) {
        String s = String.format(Locale.ROOT, "%.2f", value);
        return s.contains(".") ? s.replaceAll("0+$", "").replaceAll("\\.$", "") : s;
    }

    private static String f3(double value) {
        return String.format(Locale.ROOT, "%.3f", value);
    }

    private static String f4(double value) {
        return String.format(Locale.ROOT, "%.4f", value);
    }

    private static String shorten(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }

    static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
