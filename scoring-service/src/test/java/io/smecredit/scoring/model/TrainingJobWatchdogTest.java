package io.smecredit.scoring.model;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.smecredit.scoring.model.service.TrainingJobWatchdog;
import io.smecredit.scoring.model.service.TrainingJobs;
import io.smecredit.scoring.support.Db;
import io.smecredit.scoring.support.KeycloakTokens;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;

/**
 * Jobs whose instance stopped, and jobs running past the timeout, end as failed instead of staying "running".
 * Rows are arranged behind the API (a crashed instance cannot be simulated otherwise) and the sweep that runs at
 * startup and on every heartbeat tick is invoked directly.
 */
@QuarkusTest
class TrainingJobWatchdogTest {

    @Inject
    TrainingJobWatchdog watchdog;

    @Inject
    TrainingJobs training;

    @Test
    void aJobLeftRunningByAStoppedInstanceIsFailedAsInterrupted() throws Throwable {
        UUID running = job("running", "it-gone-" + UUID.randomUUID(), Instant.now().minus(Duration.ofMinutes(30)),
                Instant.now().minus(Duration.ofMinutes(10)));
        UUID queued = job("queued", "it-gone-" + UUID.randomUUID(), null, Instant.now().minus(Duration.ofMinutes(10)));

        VertxContextSupport.subscribeAndAwait(watchdog::sweep);

        for (UUID id : new UUID[]{running, queued}) {
            given().auth().oauth2(KeycloakTokens.operator()).get("/api/v1/models/training-jobs/{id}", id)
                    .then().statusCode(200)
                    .body("status", equalTo("failed"))
                    .body("failureReason", startsWith("interrupted: service restarted"))
                    .body("finishedAt", notNullValue());
        }
    }

    @Test
    void aJobOfAnotherInstanceThatStillSendsHeartbeatsIsLeftRunning() throws Throwable {
        UUID alive = job("running", "it-alive-" + UUID.randomUUID(), Instant.now().minus(Duration.ofMinutes(5)),
                Instant.now());

        VertxContextSupport.subscribeAndAwait(watchdog::sweep);

        assertThat(Db.string("SELECT status FROM training_job WHERE id = ?", alive)).isEqualTo("running");
        // Tidy up: this row's fake owner will never finish it.
        Db.inTransaction("UPDATE training_job SET status = 'failed', failure_reason = 'test row' WHERE id = '"
                + alive + "'");
    }

    @Test
    void aJobOfThisInstanceIsKeptAliveByItsHeartbeat() throws Throwable {
        // Heartbeat long stale, but the owner is this (live) instance: the sweep refreshes it instead of failing it.
        UUID own = job("queued", training.instanceId(), null, Instant.now().minus(Duration.ofMinutes(10)));
        Instant before = Instant.now();

        VertxContextSupport.subscribeAndAwait(watchdog::sweep);

        assertThat(Db.string("SELECT status FROM training_job WHERE id = ?", own)).isEqualTo("queued");
        assertThat(Db.count("SELECT count(*) FROM training_job WHERE id = ? AND heartbeat_at >= ?", own,
                java.sql.Timestamp.from(before.minusSeconds(1)))).isEqualTo(1);
        Db.inTransaction("UPDATE training_job SET status = 'failed', failure_reason = 'test row' WHERE id = '"
                + own + "'");
    }

    @Test
    void aJobRunningLongerThanTheTimeoutIsFailedAsTimedOutWhateverInstanceRunsIt() throws Throwable {
        UUID slow = job("running", "it-alive-" + UUID.randomUUID(), Instant.now().minus(Duration.ofDays(2)),
                Instant.now());

        VertxContextSupport.subscribeAndAwait(watchdog::sweep);

        given().auth().oauth2(KeycloakTokens.operator()).get("/api/v1/models/training-jobs/{id}", slow)
                .then().statusCode(200)
                .body("status", equalTo("failed"))
                .body("failureReason", startsWith("timed out"))
                .body("failureReason", containsString("scoring.training.timeout"));
    }

    private static UUID job(String status, String instanceId, Instant startedAt, Instant heartbeatAt) {
        UUID id = UUID.randomUUID();
        Db.inTransaction("INSERT INTO training_job (id, status, stage, request, requested_by, requested_at, started_at,"
                + " instance_id, heartbeat_at) VALUES ('" + id + "', '" + status + "', 'boosting', '{}', 'it-tests', '"
                + Instant.now().minus(Duration.ofDays(3)) + "', " + (startedAt == null ? "NULL" : "'" + startedAt + "'")
                + ", '" + instanceId + "', '" + heartbeatAt + "')");
        return id;
    }
}
