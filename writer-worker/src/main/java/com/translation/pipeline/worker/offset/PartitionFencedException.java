package com.translation.pipeline.worker.offset;

import org.apache.kafka.common.TopicPartition;

/**
 * The stored offset of a partition is not what this worker expected: another worker has written it
 * since, so this one lost the partition (or is a zombie). The transaction is rolled back.
 */
public class PartitionFencedException extends RuntimeException {

    private final transient TopicPartition partition;

    PartitionFencedException(TopicPartition partition) {
        super("offset of " + partition + " was moved by another worker");
        this.partition = partition;
    }

    public TopicPartition partition() {
        return partition;
    }
}
