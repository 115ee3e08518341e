package com.translation.pipeline.worker.offset;

import static com.translation.pipeline.schema.jooq.Tables.CONSUMER_OFFSET;

import java.time.LocalDateTime;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.common.TopicPartition;
import org.jooq.DSLContext;
import org.jooq.Record3;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Component;

/**
 * The worker's position per partition, kept in the database so that it commits with the rows it
 * covers; {@code next_offset} follows Kafka's committed-offset convention (the next record to
 * apply). Every move is a compare-and-set from the offset the batch started at to the one it ends
 * at, and only forwards: a worker that lost a partition, or a batch that does not start where the
 * stored offset stands, cannot move it.
 */
@Component
public class OffsetStore {

    private final DSLContext db;
    private final String group;

    OffsetStore(DSLContext db, @Value("${spring.kafka.consumer.group-id}") String group) {
        this.db = db;
        this.group = group;
    }

    /** The consumer group whose offsets this store keeps. */
    public String group() {
        return group;
    }

    /**
     * A move of one partition's stored offset.
     *
     * @param from the stored offset the batch starts at; empty when none is stored yet
     * @param to the offset after the batch: the consumer's position after the records it covers
     *     (past transaction markers and aborted records too)
     */
    public record Advance(OptionalLong from, long to) {
        public Advance {
            if (from.isPresent() && to < from.getAsLong()) {
                throw new IllegalArgumentException(
                        "an offset never moves backwards: " + from.getAsLong() + " to " + to);
            }
        }
    }

    /** The stored next offset of each partition; partitions without one are absent. */
    public Map<TopicPartition, Long> read(Collection<TopicPartition> partitions) {
        Set<String> topics =
                partitions.stream().map(TopicPartition::topic).collect(Collectors.toSet());
        Map<TopicPartition, Long> stored = new HashMap<>();
        for (Record3<String, Integer, Long> row :
                db.select(
                                CONSUMER_OFFSET.TOPIC,
                                CONSUMER_OFFSET.KAFKA_PARTITION,
                                CONSUMER_OFFSET.NEXT_OFFSET)
                        .from(CONSUMER_OFFSET)
                        .where(CONSUMER_OFFSET.CONSUMER_GROUP.eq(group))
                        .and(CONSUMER_OFFSET.TOPIC.in(topics))
                        .fetch()) {
            TopicPartition partition = new TopicPartition(row.value1(), row.value2());
            if (partitions.contains(partition)) {
                stored.put(partition, row.value3());
            }
        }
        return stored;
    }

    /**
     * Moves each partition's stored offset as {@code advances} say, inside the caller's transaction
     * ({@code tx}).
     *
     * @return the statements issued
     * @throws PartitionFencedException when a stored offset is not the advance's {@code from}:
     *     another worker has moved it, so this one lost the partition or is a zombie
     */
    public int advance(DSLContext tx, Map<TopicPartition, Advance> advances, LocalDateTime now) {
        int statements = 0;
        for (Map.Entry<TopicPartition, Advance> entry : advances.entrySet()) {
            TopicPartition partition = entry.getKey();
            Advance advance = entry.getValue();
            statements++;
            if (advance.from().isPresent()) {
                int moved =
                        tx.update(CONSUMER_OFFSET)
                                .set(CONSUMER_OFFSET.NEXT_OFFSET, advance.to())
                                .set(CONSUMER_OFFSET.UPDATED_AT, now)
                                .where(CONSUMER_OFFSET.CONSUMER_GROUP.eq(group))
                                .and(CONSUMER_OFFSET.TOPIC.eq(partition.topic()))
                                .and(CONSUMER_OFFSET.KAFKA_PARTITION.eq(partition.partition()))
                                .and(CONSUMER_OFFSET.NEXT_OFFSET.eq(advance.from().getAsLong()))
                                .execute();
                if (moved != 1) {
                    throw new PartitionFencedException(partition);
                }
            } else {
                try {
                    tx.insertInto(CONSUMER_OFFSET)
                            .set(CONSUMER_OFFSET.CONSUMER_GROUP, group)
                            .set(CONSUMER_OFFSET.TOPIC, partition.topic())
                            .set(CONSUMER_OFFSET.KAFKA_PARTITION, partition.partition())
                            .set(CONSUMER_OFFSET.NEXT_OFFSET, advance.to())
                            .set(CONSUMER_OFFSET.UPDATED_AT, now)
                            .execute();
                } catch (DuplicateKeyException e) {
                    throw new PartitionFencedException(partition);
                }
            }
        }
        return statements;
    }
}
