package io.smecredit.ingestion.features.stream;

import io.smecredit.contracts.FeatureVector;
import io.smecredit.ingestion.features.domain.CohortCalculator;
import io.smecredit.ingestion.features.domain.FeatureCalculator;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs on the cohort-keyed partition, so every update of one cohort passes through one task in order: its store of
 * member values (key "cohort\u0000smeId", the cohort bases of each member's latest vector) is always the cohort's
 * current state. A member's cohort features are computed against that state when its own vector changes; under
 * exactly-once the store update and the published vector commit together.
 */
final class CohortProcessor implements Processor<String, CohortUpdate, String, FeatureVector> {

    private static final char SEPARATOR = '\u0000';
    private final String memberStoreName;
    private ProcessorContext<String, FeatureVector> context;
    private KeyValueStore<String, CohortMember> members;

    CohortProcessor(String memberStoreName) {
        this.memberStoreName = memberStoreName;
    }

    @Override
    public void init(ProcessorContext<String, FeatureVector> context) {
        this.context = context;
        this.members = context.getStateStore(memberStoreName);
    }

    @Override
    public void process(Record<String, CohortUpdate> record) {
        CohortUpdate update = record.value();
        String memberKey = update.cohort() + SEPARATOR + update.smeId();
        if (update.leaves()) {
            members.delete(memberKey);
            return;
        }
        FeatureVector vector = update.vector();
        members.put(memberKey, new CohortMember(CohortCalculator.cohortValues(vector.features())));
        List<Map<String, Double>> cohort = new ArrayList<>();
        try (KeyValueIterator<String, CohortMember> all = members.range(update.cohort() + SEPARATOR,
                update.cohort() + (char) (SEPARATOR + 1))) {
            all.forEachRemaining(entry -> cohort.add(entry.value.values()));
        }
        Map<String, Double> features = new HashMap<>(vector.features());
        CohortCalculator.addCohortFeatures(features, cohort);
        context.forward(record.withKey(update.smeId()).withValue(new FeatureVector(vector.smeId(), vector.asOf(),
                vector.schemaVersion(), FeatureCalculator.inDictionaryOrder(features))));
    }

    /** The cohort-relevant feature values of one member's latest vector. */
    public record CohortMember(Map<String, Double> values) {
    }
}
