package com.translation.pipeline.worker.consume;

import com.translation.pipeline.worker.offset.OffsetStore;
import com.translation.pipeline.worker.offset.PartitionPositions;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;
import org.springframework.stereotype.Component;

/** Positions the consumer at the database's offsets and records them as expected. */
@Component
public class PartitionSeeker {

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
}
