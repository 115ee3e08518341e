package com.translation.pipeline.worker.consume;

import com.translation.pipeline.worker.offset.PartitionPositions;
import java.util.Collection;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.listener.ConsumerAwareRebalanceListener;
import org.springframework.stereotype.Component;

/**
 * On assignment, moves the consumer to the offsets stored in the database, not Kafka's committed
 * ones: a worker that died between its database commit and its Kafka commit must not apply those
 * records again. If the database cannot be read now, the partitions stay unresolved and the applier
 * resolves them before applying any of their records.
 */
@Component
class PartitionAssignmentListener implements ConsumerAwareRebalanceListener {

    private static final Logger log = LoggerFactory.getLogger(PartitionAssignmentListener.class);

    private final PartitionSeeker seeker;
    private final PartitionPositions positions;

    PartitionAssignmentListener(PartitionSeeker seeker, PartitionPositions positions) {
        this.seeker = seeker;
        this.positions = positions;
    }

    @Override
    public void onPartitionsAssigned(
            Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        positions.forget(partitions);
        try {
            seeker.seekToStored(consumer, partitions);
        } catch (RuntimeException e) {
            log.warn(
                    "Stored offsets unreadable at assignment of {}; resolving before applying: {}",
                    partitions,
                    e.getMessage());
        }
        // Called after every rebalance, also with no new partitions: the moment to retry Kafka
        // commits that failed because the rebalance was in progress.
        seeker.commitWhereKafkaLags(consumer, positions.stored(consumer.assignment()));
    }

    @Override
    public void onPartitionsRevokedBeforeCommit(
            Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        positions.forget(partitions);
    }

    @Override
    public void onPartitionsLost(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        positions.forget(partitions);
    }
}
