package io.smecredit.scoring.support;

import io.smecredit.testsupport.ManagementInterface;

import java.time.Duration;

import static org.awaitility.Awaitility.await;

/** Waits until the service reports ready: a champion is loaded and its consumers have joined their groups. */
public final class ServiceReady {

    private ServiceReady() {
    }

    public static void await() {
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(90))
                .until(() -> ManagementInterface.given().get("/q/health/ready").statusCode() == 200);
    }
}
