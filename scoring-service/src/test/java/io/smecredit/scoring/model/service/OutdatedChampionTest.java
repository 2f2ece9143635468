package io.smecredit.scoring.model.service;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.smecredit.contracts.FeatureDictionary;
import io.smecredit.model.ModelArtifact;
import io.smecredit.scoring.model.domain.ModelStatus;
import io.smecredit.scoring.support.Db;
import io.smecredit.scoring.support.ServiceReady;
import io.smecredit.scoring.support.TestModels;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a start does with a champion of an older feature schema (after a feature was redefined): the bootstrap model
 * takes the place of an outdated bootstrap champion, which would skip every vector; an operator's model stays.
 * Real PostgreSQL; every test leaves the original champion serving.
 */
@QuarkusTest
class OutdatedChampionTest {

    private static final int OLDER_SCHEMA = FeatureDictionary.SCHEMA_VERSION - 1;

    @Inject
    BootstrapModel bootstrap;

    @Inject
    ModelRegistry registry;

    @Inject
    ServedModels served;

    @BeforeEach
    void serviceReady() {
        ServiceReady.await();
    }

    @Test
    void aBootstrapChampionOfAnOlderSchemaIsReplacedByTheBootstrapModelOfTheServedSchema() throws Throwable {
        String original = champion();
        String outdated = register(TestModels.trained(404L), BootstrapModel.SOURCE);
        makeOlderSchemaChampion(outdated, original);
        try {
            bootstrap.ensureChampion(null);

            // The bootstrap model is deterministic: the served schema's bootstrap is the original champion again.
            assertThat(champion()).isEqualTo(original);
            assertThat(served.current().champion().version()).isEqualTo(original);
            assertThat(Db.string("SELECT status FROM model WHERE version = ?", outdated)).isEqualTo("retired");
            assertThat(Db.string("SELECT note FROM model_status_change WHERE version = ? AND to_status = 'champion'"
                    + " ORDER BY id DESC LIMIT 1", original))
                    .contains("champion " + outdated + " was trained on feature schema " + OLDER_SCHEMA)
                    .contains("publishes schema " + FeatureDictionary.SCHEMA_VERSION);
        } finally {
            restore(original);
        }
    }

    @Test
    void aChampionAnOperatorUploadedStaysEvenOfAnOlderSchema() throws Throwable {
        String original = champion();
        String uploaded = register(TestModels.trained(405L), "upload");
        makeOlderSchemaChampion(uploaded, original);
        try {
            bootstrap.ensureChampion(null);

            assertThat(champion()).isEqualTo(uploaded);
        } finally {
            restore(original);
        }
    }

    private String champion() throws Throwable {
        return VertxContextSupport.subscribeAndAwait(() -> registry.withStatus(ModelStatus.CHAMPION))
                .orElseThrow().version;
    }

    private String register(ModelArtifact artifact, String source) throws Throwable {
        return VertxContextSupport.subscribeAndAwait(() ->
                registry.registerCandidate(artifact, source, "scoring-service-tests")).version;
    }

    /** As if the model had been champion since before the schema changed (no API would promote it now). */
    private void makeOlderSchemaChampion(String version, String original) throws Throwable {
        // A model's facts are frozen (V8): lift the trigger inside this transaction only.
        Db.inTransaction(
                "UPDATE model SET status = 'retired' WHERE version = '" + original + "'",
                "ALTER TABLE model DISABLE TRIGGER model_facts_frozen",
                "UPDATE model SET status = 'champion', feature_schema_version = " + OLDER_SCHEMA
                        + " WHERE version = '" + version + "'",
                "ALTER TABLE model ENABLE TRIGGER model_facts_frozen");
        VertxContextSupport.subscribeAndAwait(served::reload);
    }

    private void restore(String original) throws Throwable {
        Db.inTransaction(
                "UPDATE model SET status = 'retired' WHERE status = 'champion' AND version <> '" + original + "'",
                "UPDATE model SET status = 'champion' WHERE version = '" + original + "'");
        VertxContextSupport.subscribeAndAwait(served::reload);
    }
}
