package io.smecredit.ingestion.features.stream;

import org.apache.kafka.streams.state.RocksDBConfigSetter;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.Cache;
import org.rocksdb.LRUCache;
import org.rocksdb.Options;
import org.rocksdb.RocksDB;
import org.rocksdb.WriteBufferManager;

import java.util.Map;

/**
 * Bounds the memory the feature engine's RocksDB stores take outside the Java heap. By default Kafka Streams gives every
 * store instance its own 50 MB block cache and up to three 16 MB memtables, and this engine opens one instance per store
 * and partition (six stores on six partitions, the dedup store's time segments, the registry: ~36), so under real
 * volume the process could grow by gigabytes beyond its heap and be killed by its container's memory limit. Here all
 * instances of the process share one block cache of {@value #TOTAL_BYTES_CONFIG} bytes, their memtables are charged to
 * that same cache (a write buffer manager flushes the largest when they exceed {@value #MEMTABLE_SHARE_PERCENT} % of
 * it), and index and filter blocks live in it too instead of growing beside it. The bound is soft, as Kafka Streams
 * recommends: a strict one would fail reads and stall writes at the limit, so usage can pass it briefly.
 * <p>
 * Kafka Streams instantiates this class once per store; the cache is shared by the whole process and lives as long as
 * it, so it is never closed here.
 */
public class BoundedRocksDbMemory implements RocksDBConfigSetter {

    /** Streams configuration key (set as {@code kafka-streams.rocksdb.total.memory.bytes}). */
    public static final String TOTAL_BYTES_CONFIG = "rocksdb.total.memory.bytes";
    static final long DEFAULT_TOTAL_BYTES = 64L * 1024 * 1024;
    static final int MEMTABLE_SHARE_PERCENT = 50;
    // Kafka Streams' 16 MB per memtable would let two stores fill the whole shared budget before anything flushes.
    static final long MEMTABLE_BYTES = 4L * 1024 * 1024;
    static final int MEMTABLES_PER_STORE = 2;
    // Index and filter blocks are read on every lookup: keep them in the cache's high-priority pool.
    private static final double HIGH_PRIORITY_RATIO = 0.1;

    private static Shared shared;

    /** The cache and write buffer manager every store of the process uses. */
    record Shared(long totalBytes, Cache cache, WriteBufferManager writeBuffers) {
    }

    @Override
    public void setConfig(String storeName, Options options, Map<String, Object> configs) {
        Shared memory = sharedFor(configs);
        BlockBasedTableConfig table = (BlockBasedTableConfig) options.tableFormatConfig();
        table.setBlockCache(memory.cache());
        table.setCacheIndexAndFilterBlocks(true);
        table.setCacheIndexAndFilterBlocksWithHighPriority(true);
        options.setTableFormatConfig(table);
        options.setWriteBufferManager(memory.writeBuffers());
        options.setWriteBufferSize(MEMTABLE_BYTES);
        options.setMaxWriteBufferNumber(MEMTABLES_PER_STORE);
    }

    @Override
    public void close(String storeName, Options options) {
        // The cache and write buffer manager are shared by every store: they stay open for the life of the process.
    }

    /** The process's shared memory, created by the first store with the configured size. */
    static synchronized Shared sharedFor(Map<String, Object> configs) {
        if (shared == null) {
            long total = totalBytes(configs);
            RocksDB.loadLibrary(); // once per process; the cache may be made before any store has loaded it
            Cache cache = new LRUCache(total, -1, false, HIGH_PRIORITY_RATIO);
            shared = new Shared(total, cache, new WriteBufferManager(total * MEMTABLE_SHARE_PERCENT / 100, cache));
        }
        return shared;
    }

    static long totalBytes(Map<String, Object> configs) {
        Object value = configs.get(TOTAL_BYTES_CONFIG);
        if (value == null || value.toString().isBlank()) {
            return DEFAULT_TOTAL_BYTES;
        }
        long total;
        try {
            total = Long.parseLong(value.toString().trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(TOTAL_BYTES_CONFIG + " must be a number of bytes, not '" + value + "'");
        }
        if (total < MEMTABLE_BYTES * 2) {
            throw new IllegalArgumentException(TOTAL_BYTES_CONFIG + " must be at least " + MEMTABLE_BYTES * 2
                    + " bytes, not " + total);
        }
        return total;
    }
}
