package com.translation.pipeline.worker.offset;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import org.apache.kafka.common.TopicPartition;

/**
 * What one consumer loop knows of each partition it owns: the offset stored in the database (the
 * value its next compare-and-set expects; empty when none is stored yet) and the offset it told the
 * consumer to fetch from. Both are the same except after the consumer had to restart a partition at
 * the log's start (its stored offset had been deleted by retention). A partition is unresolved
 * until its stored offset has been read after an assignment. Confined to the loop's thread.
 */
public final class PartitionPositions {

    /** One resolved partition. */
    public record Position(OptionalLong stored, long fetchFrom) {}

    private final Map<TopicPartition, Position> positions = new HashMap<>();

    public boolean isResolved(TopicPartition partition) {
        return positions.containsKey(partition);
    }

    /**
     * @throws IllegalStateException when the partition is not resolved
     */
    public Position get(TopicPartition partition) {
        Position position = positions.get(partition);
        if (position == null) {
            throw new IllegalStateException(partition + " is not resolved");
        }
        return position;
    }

    public Set<TopicPartition> resolved() {
        return Set.copyOf(positions.keySet());
    }

    /** The stored offsets of the resolved partitions that have one. */
    public Map<TopicPartition, Long> stored() {
        Map<TopicPartition, Long> stored = new HashMap<>();
        positions.forEach(
                (partition, position) ->
                        position.stored().ifPresent(offset -> stored.put(partition, offset)));
        return stored;
    }

    /** The consumer was sent to {@code fetchFrom}; {@code stored} is the database's offset. */
    public void resolve(TopicPartition partition, OptionalLong stored, long fetchFrom) {
        positions.put(partition, new Position(stored, fetchFrom));
    }

    /** A batch was stored up to {@code next}, where the consumer now stands. */
    public void advanced(TopicPartition partition, long next) {
        positions.put(partition, new Position(OptionalLong.of(next), next));
    }

    public void forget(Collection<TopicPartition> partitions) {
        partitions.forEach(positions::remove);
    }
}
