package io.smecredit.scoring.model.service;

import io.smecredit.contracts.FeatureDictionary;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;

/** The schema the service scores by default follows the dictionary: a stale default would leave every vector unscored. */
class ServedSchemaDefaultTest {

    @Test
    void servesTheFeatureDictionarysSchemaUnlessConfiguredOtherwise() throws Exception {
        Properties properties = new Properties();
        try (InputStream in = getClass().getResourceAsStream("/application.properties")) {
            properties.load(in);
        }

        assertThat(properties.getProperty("scoring.features.schema-version"))
                .isEqualTo("${SCORING_FEATURE_SCHEMA_VERSION:" + FeatureDictionary.SCHEMA_VERSION + "}");
    }
}
