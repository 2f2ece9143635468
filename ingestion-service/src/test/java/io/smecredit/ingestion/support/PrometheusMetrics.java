package io.smecredit.ingestion.support;

import io.smecredit.testsupport.ManagementInterface;

/** Counter values as the service's /q/metrics (management port) shows them, so tests assert what an action added. */
public final class PrometheusMetrics {

    private PrometheusMetrics() {
    }

    /**
     * The value of a series ({@code name{label="…"}}), or, for a bare metric name, the sum of all its series; 0 before
     * the first increment (Micrometer registers a counter on first use).
     */
    public static double value(String series) {
        boolean bareName = !series.contains("{");
        return ManagementInterface.given().get("/q/metrics").then().statusCode(200).extract().asString().lines()
                .filter(line -> line.startsWith(series + " ") || bareName && line.startsWith(series + "{"))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .sum();
    }
}
