package io.smecredit.ingestion.features.stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.Options;
import org.rocksdb.RocksDB;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BoundedRocksDbMemoryTest {

    private static final Map<String, Object> CONFIGS = Map.of(BoundedRocksDbMemory.TOTAL_BYTES_CONFIG, "33554432");

    @Test
    void everyStoreUsesTheProcessSharedCacheAndItsMemtablesAreChargedToIt(@TempDir Path dir) throws Exception {
        BoundedRocksDbMemory.Shared shared = BoundedRocksDbMemory.sharedFor(CONFIGS);
        long usageBefore = shared.cache().getUsage();
        try (Options first = storeOptions("sme-history"); Options second = storeOptions("sme-day-buckets");
             RocksDB firstDb = RocksDB.open(first, dir.resolve("first").toString());
             RocksDB secondDb = RocksDB.open(second, dir.resolve("second").toString())) {
            assertThat(first.writeBufferManager()).isSameAs(second.writeBufferManager())
                    .isSameAs(shared.writeBuffers());
            assertThat(first.writeBufferSize()).isEqualTo(BoundedRocksDbMemory.MEMTABLE_BYTES);
            assertThat(first.maxWriteBufferNumber()).isEqualTo(BoundedRocksDbMemory.MEMTABLES_PER_STORE);
            BlockBasedTableConfig table = (BlockBasedTableConfig) first.tableFormatConfig();
            assertThat(table.cacheIndexAndFilterBlocks()).isTrue();

            byte[] value = "x".repeat(1_000).getBytes(StandardCharsets.UTF_8);
            for (int i = 0; i < 2_000; i++) {
                byte[] key = ("sme-" + i).getBytes(StandardCharsets.UTF_8);
                firstDb.put(key, value);
                secondDb.put(key, value);
            }

            // Only writes, no reads and no flush: what the cache holds now is the memtables' charge. Without the write
            // buffer manager on the shared cache the memtables would grow beside it, unbounded in sum.
            assertThat(shared.cache().getUsage()).isGreaterThan(usageBefore)
                    .isLessThanOrEqualTo(shared.totalBytes());
        }
    }

    @Test
    void theBoundIsOneForTheWholeProcessWhateverStoreAsks() {
        assertThat(BoundedRocksDbMemory.sharedFor(CONFIGS)).isSameAs(BoundedRocksDbMemory.sharedFor(Map.of()));
    }

    @Test
    void theBoundIsReadFromTheStreamsConfigurationWithADefault() {
        assertThat(BoundedRocksDbMemory.totalBytes(Map.of())).isEqualTo(BoundedRocksDbMemory.DEFAULT_TOTAL_BYTES);
        assertThat(BoundedRocksDbMemory.totalBytes(CONFIGS)).isEqualTo(32L * 1024 * 1024);
        assertThat(BoundedRocksDbMemory.totalBytes(Map.of(BoundedRocksDbMemory.TOTAL_BYTES_CONFIG, 16_777_216L)))
                .isEqualTo(16L * 1024 * 1024);
    }

    @Test
    void aBoundThatIsNotABytesCountOrTooSmallStopsTheEngineWithItsName() {
        assertThatThrownBy(() -> BoundedRocksDbMemory.totalBytes(Map.of(BoundedRocksDbMemory.TOTAL_BYTES_CONFIG, "64MB")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("rocksdb.total.memory.bytes")
                .hasMessageContaining("'64MB'");
        assertThatThrownBy(() -> BoundedRocksDbMemory.totalBytes(Map.of(BoundedRocksDbMemory.TOTAL_BYTES_CONFIG, "1024")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least");
    }

    /** Options as Kafka Streams hands them to the setter: its own block-based table config already in place. */
    private static Options storeOptions(String storeName) {
        Options options = new Options().setCreateIfMissing(true).setTableFormatConfig(new BlockBasedTableConfig());
        new BoundedRocksDbMemory().setConfig(storeName, options, CONFIGS);
        return options;
    }
}
