package com.translation.pipeline.worker.consume;

import com.translation.pipeline.worker.offset.OffsetStore;
import com.translation.pipeline.worker.offset.PartitionPositions;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Positions the consumer at the database's offsets and records them as expected; brings Kafka's
 * committed offsets up to them where they lag.
 */
@Component
public class PartitionSeeker {

    private static final Logger log = LoggerFactory.getLogger(PartitionSeeker.class);
    private static final Duration KAFKA_TIMEOUT = Duration.ofSeconds(5);

    private final OffsetStore store;
    private final PartitionPositions positions;

    PartitionSeeker(OffsetStore store, PartitionPositions positions) {
        this.store = store;
        this.positions = positions;
    }

    /** Reads the stored offsets of these partitions and seeks there (or to the beginning). */
    public void seekToStored(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        if (partitions.isEmpty()) {
            return;
        }
        Map<TopicPartition, Long> stored = store.read(partitions);
        for (TopicPartition partition : partitions) {
            Long offset = stored.get(partition);
            if (offset != null) {
                consumer.seek(partition, offset);
                positions.resolve(partition, OptionalLong.of(offset));
            } else {
                consumer.seekToBeginning(List.of(partition));
                positions.resolve(partition, OptionalLong.empty());
            }
        }
    }

    /**
     * Commits {@code stored} to Kafka where Kafka's committed offsets are behind. Kafka's offsets
     * serve lag and the flush barrier; they fall behind the database's when a worker dies between
     * its two commits, or when its Kafka commit fails during a rebalance, and nothing else moves
     * them until new records arrive on the partition, so the barrier would wait for ever.
     */
    public void commitWhereKafkaLags(Consumer<?, ?> consumer, Map<TopicPartition, Long> stored) {
        if (stored.isEmpty()) {
            return;
        }
        try {
            Map<TopicPartition, OffsetAndMetadata> committed =
                    consumer.committed(stored.keySet(), KAFKA_TIMEOUT);
            Map<TopicPartition, OffsetAndMetadata> lagging = new HashMap<>();
            stored.forEach(
                    (partition, offset) -> {
                        OffsetAndMetadata inKafka = committed.get(partition);
                        if (inKafka == null || inKafka.offset() < offset) {
                            lagging.put(partition, new OffsetAndMetadata(offset));
                        }
                    });
            if (!lagging.isEmpty()) {
                consumer.commitSync(lagging, KAFKA_TIMEOUT);
                log.info("Kafka's committed offsets brought up to the database's: {}", lagging);
            }
        } catch (RuntimeException e) {
            log.warn(
                    "Kafka's committed offsets stay behind the database's for now: {}",
                    e.getMessage());
        }
    }
}
