package io.smecredit.contracts;

/**
 * A Kafka topic as the platform relies on it. Every record on these topics is keyed by the SME id, so all
 * events of one SME land in one partition and are processed in order.
 */
public record TopicSpec(String name, int partitions, boolean compacted) {
}
