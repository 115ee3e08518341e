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
 * covers. Writes are compare-and-set on the stored value: a worker that lost a partition cannot
 * move its offset.
 */
@Component
public class OffsetStore {

    private final DSLContext db;
    private final String group;

    OffsetStore(DSLContext db, @Value("${spring.kafka.consumer.group-id}") String group) {
        this.db = db;
        this.group = group;
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
     * Moves each partition's stored offset from what {@code positions} expects to {@code next},
     * inside the caller's transaction.
     *
     * @throws PartitionFencedException when a stored offset is not the expected one
     */
    public int advance(
            Map<TopicPartition, Long> next, PartitionPositions positions, LocalDateTime now) {
        int statements = 0;
        for (Map.Entry<TopicPartition, Long> entry : next.entrySet()) {
            TopicPartition partition = entry.getKey();
            OptionalLong expected = positions.expected(partition);
            statements++;
            if (expected.isPresent()) {
                int moved =
                        db.update(CONSUMER_OFFSET)
                                .set(CONSUMER_OFFSET.NEXT_OFFSET, entry.getValue())
                                .set(CONSUMER_OFFSET.UPDATED_AT, now)
                                .where(CONSUMER_OFFSET.CONSUMER_GROUP.eq(group))
                                .and(CONSUMER_OFFSET.TOPIC.eq(partition.topic()))
                                .and(CONSUMER_OFFSET.KAFKA_PARTITION.eq(partition.partition()))
                                .and(CONSUMER_OFFSET.NEXT_OFFSET.eq(expected.getAsLong()))
                                .execute();
                if (moved != 1) {
                    throw new PartitionFencedException(partition);
                }
            } else {
                try {
                    db.insertInto(CONSUMER_OFFSET)
                            .set(CONSUMER_OFFSET.CONSUMER_GROUP, group)
                            .set(CONSUMER_OFFSET.TOPIC, partition.topic())
                            .set(CONSUMER_OFFSET.KAFKA_PARTITION, partition.partition())
                            .set(CONSUMER_OFFSET.NEXT_OFFSET, entry.getValue())
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
