package io.smecredit.ingestion.features.stream;

import io.smecredit.contracts.FeatureVector;
import io.smecredit.contracts.SmeProfile;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Looks up an SME's cohort in the registry (a global store fed by sme.registry.v1) and re-keys its vector by cohort.
 * Remembers each SME's cohort, so that when a registration change moves an SME, its old cohort is told to forget it
 * (otherwise it would keep comparing peers with a firm that is no longer one of them).
 */
final class CohortAssigner implements Processor<String, FeatureVector, String, CohortUpdate> {

    private final String registryStoreName;
    private final String cohortStoreName;
    private ProcessorContext<String, CohortUpdate> context;
    private KeyValueStore<String, SmeProfile> registry;
    private KeyValueStore<String, String> cohorts;

    CohortAssigner(String registryStoreName, String cohortStoreName) {
        this.registryStoreName = registryStoreName;
        this.cohortStoreName = cohortStoreName;
    }

    @Override
    public void init(ProcessorContext<String, CohortUpdate> context) {
        this.context = context;
        this.registry = context.getStateStore(registryStoreName);
        this.cohorts = context.getStateStore(cohortStoreName);
    }

    @Override
    public void process(Record<String, FeatureVector> record) {
        String smeId = record.key();
        SmeProfile profile = registry.get(smeId);
        if (profile == null) {
            // Registered after its first telemetry reached us: publish without cohort features for now (key = SME).
            context.forward(record.withValue(new CohortUpdate(smeId, null, record.value())));
            return;
        }
        String cohort = profile.cohort();
        String previous = cohorts.get(smeId);
        if (previous != null && !previous.equals(cohort)) {
            context.forward(record.withKey(previous).withValue(new CohortUpdate(smeId, previous, null)));
        }
        if (!cohort.equals(previous)) {
            cohorts.put(smeId, cohort);
        }
        context.forward(record.withKey(cohort).withValue(new CohortUpdate(smeId, cohort, record.value())));
    }
}
