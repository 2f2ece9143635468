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

    public static int port() {
        return ConfigProvider.getConfig().getValue("quarkus.management.test-port", Integer.class);
    }
}
