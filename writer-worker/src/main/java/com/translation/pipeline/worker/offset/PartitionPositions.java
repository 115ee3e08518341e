package com.translation.pipeline.worker.offset;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.common.TopicPartition;

/**
 * What this worker believes the stored offset of each assigned partition is: the value its next
 * compare-and-set expects. A partition is unresolved until the stored offset has been read (after
 * an assignment); {@link OptionalLong#empty()} means no offset is stored yet.
 */
public final class PartitionPositions {

    private final Map<TopicPartition, OptionalLong> expected = new ConcurrentHashMap<>();

    public boolean isResolved(TopicPartition partition) {
        return expected.containsKey(partition);
    }

    public OptionalLong expected(TopicPartition partition) {
        OptionalLong value = expected.get(partition);
        if (value == null) {
            throw new IllegalStateException(partition + " is not resolved");
        }
        return value;
    }

    /** The stored offsets known for these partitions (those resolved, with an offset stored). */
    public Map<TopicPartition, Long> stored(Collection<TopicPartition> partitions) {
        Map<TopicPartition, Long> stored = new HashMap<>();
        for (TopicPartition partition : partitions) {
            OptionalLong offset = expected.get(partition);
            if (offset != null && offset.isPresent()) {
                stored.put(partition, offset.getAsLong());
            }
        }
        return stored;
    }

    public void resolve(TopicPartition partition, OptionalLong stored) {
        expected.put(partition, stored);
    }

    public void advanced(Map<TopicPartition, Long> next) {
        next.forEach((partition, offset) -> expected.put(partition, OptionalLong.of(offset)));
    }

    public void forget(Collection<TopicPartition> partitions) {
        partitions.forEach(expected::remove);
    }
}
