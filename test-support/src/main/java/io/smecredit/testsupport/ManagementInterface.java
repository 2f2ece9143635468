package io.smecredit.testsupport;

import io.restassured.RestAssured;
import io.restassured.specification.RequestSpecification;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Requests to the management interface of the service under test (health, metrics), which listens on a port of its
 * own, not on the API's. Quarkus sets {@code quarkus.management.test-port} to the port it bound when the test port is 0.
 */
public final class ManagementInterface {

    private ManagementInterface() {
    }

    public static RequestSpecification given() {
        return RestAssured.given().port(port());
    }

    /**
     * The value of a Prometheus series, 0 when absent: a bare name ({@code loan_housekeeping_failed_total}) sums it over
     * all its labels, a name with labels ({@code loan_housekeeping_purged_total{kind="decisions"}}) is that one series.
     */
    public static double metric(String series) {
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        boolean allLabels = !series.contains("{");
        return metrics.lines()
                .filter(line -> line.startsWith(series + " ") || allLabels && line.startsWith(series + "{"))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .sum();
    }

    public static int port() {
        return ConfigProvider.getConfig().getValue("quarkus.management.test-port", Integer.class);
    }
}
