package com.translation.pipeline.worker.consume;

import com.translation.pipeline.worker.apply.PartitionBatch;
import com.translation.pipeline.worker.offset.OffsetStore;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;

/**
 * What consecutive polls of one consumer brought, gathered per partition into the batches that one
 * transaction applies, with their records and bytes so far. A partition's batch covers its polls
 * back to back: from its stored offset to the position after the last of them.
 */
final class GatheredBatches {

    private final Map<TopicPartition, PartitionBatch> batches = new LinkedHashMap<>();
    private int records;
    private long bytes;

    /**
     * Where the consumer stands on {@code partition} after the polls gathered, if any gathered it:
     * the next poll continues them only from there.
     */
    OptionalLong next(TopicPartition partition) {
        PartitionBatch batch = batches.get(partition);
        return batch == null ? OptionalLong.empty() : OptionalLong.of(batch.advance().to());
    }

    /**
     * Adds what one poll brought of a partition, right after what was gathered of it.
     *
     * @throws IllegalArgumentException when it does not start where the gathered batch ends
     */
    void add(PartitionBatch batch) {
        PartitionBatch gathered = batches.get(batch.partition());
        records += batch.records().size();
        bytes += bytes(batch.records());
        if (gathered == null) {
            batches.put(batch.partition(), batch);
            return;
        }
        List<ConsumerRecord<String, byte[]>> joined =
                new ArrayList<>(gathered.records().size() + batch.records().size());
        joined.addAll(gathered.records());
        joined.addAll(batch.records());
        batches.put(
                batch.partition(),
                new PartitionBatch(
                        batch.partition(),
                        new OffsetStore.Advance(gathered.advance().from(), batch.advance().to()),
                        joined));
    }

    /** Forgets what was gathered of these partitions (revoked, or moved by someone else). */
    void drop(Collection<TopicPartition> partitions) {
        for (TopicPartition partition : partitions) {
            PartitionBatch dropped = batches.remove(partition);
            if (dropped != null) {
                records -= dropped.records().size();
                bytes -= bytes(dropped.records());
            }
        }
    }

    /** The records gathered. */
    int records() {
        return records;
    }

    /** The bytes of the records gathered, keys and values as they came from Kafka. */
    long bytes() {
        return bytes;
    }

    boolean isEmpty() {
        return batches.isEmpty();
    }

    /** One batch per partition, in the order they were first polled. */
    List<PartitionBatch> batches() {
        return List.copyOf(batches.values());
    }

    private static long bytes(List<ConsumerRecord<String, byte[]>> records) {
        long bytes = 0;
        for (ConsumerRecord<String, byte[]> record : records) {
            bytes += Math.max(0, record.serializedKeySize());
            bytes += Math.max(0, record.serializedValueSize());
        }
        return bytes;
    }
}
