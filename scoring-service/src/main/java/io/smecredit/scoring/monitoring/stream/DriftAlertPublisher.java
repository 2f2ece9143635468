package io.smecredit.scoring.monitoring.stream;

import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.KafkaRecord;
import io.smecredit.contracts.DriftAlertEvent;
import io.smecredit.scoring.monitoring.domain.DriftAlert;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Channel;

/** Publishes drift alerts on Topics.DRIFT_ALERTS keyed by model version. */
@ApplicationScoped
public class DriftAlertPublisher {

    private final MutinyEmitter<DriftAlertEvent> alerts;

    public DriftAlertPublisher(@Channel("drift-alerts-out") MutinyEmitter<DriftAlertEvent> alerts) {
        this.alerts = alerts;
    }

    /** Blocks until the broker accepted the alert; called from the monitoring job's worker thread. */
    public void publishAndAwait(DriftAlert alert) {
        DriftAlertEvent event = new DriftAlertEvent(alert.id(), alert.modelVersion(), alert.day(), alert.subject(),
                alert.psi(), alert.threshold(), alert.rowsScored(), alert.raisedAt());
        alerts.sendMessageAndAwait(KafkaRecord.of(alert.modelVersion(), event));
    }
}
