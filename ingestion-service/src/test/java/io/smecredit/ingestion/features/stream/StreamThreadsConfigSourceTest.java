package io.smecredit.ingestion.features.stream;

import io.smecredit.contracts.Topics;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class StreamThreadsConfigSourceTest {

    @Test
    void defaultsToOneThreadPerCoreButNeverMoreThanTelemetryPartitions() {
        int expected = Math.min(Runtime.getRuntime().availableProcessors(), Topics.TELEMETRY.partitions());
        StreamThreadsConfigSource source = new StreamThreadsConfigSource();

        assertThat(source.getValue(StreamThreadsConfigSource.PROPERTY)).isEqualTo(Integer.toString(expected));
        assertThat(source.getProperties()).containsOnlyKeys(StreamThreadsConfigSource.PROPERTY);
        assertThat(source.getOrdinal()).as("below application.properties (250), so explicit settings win")
                .isLessThan(250);
    }
}
