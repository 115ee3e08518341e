package com.translation.pipeline.worker.replay;

import static com.translation.pipeline.schema.jooq.Tables.DEAD_LETTER_RESOLUTION;

import java.time.LocalDateTime;
import java.util.Collection;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.TopicPartition;
import org.jooq.DSLContext;
import org.springframework.stereotype.Component;

/**
 * Which dead letters an operator has dealt with: replayed successfully or discarded on purpose. The
 * others stay listed. Kept per replay group and dead-letter topic; rows below the replay group's
 * position are no longer needed and are purged.
 */
@Component
class DeadLetterResolutions {

    /** How a dead letter was dealt with. */
    enum Resolution {
        REPLAYED,
        DISCARDED;

        String wireName() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** A dead letter's place on the dead-letter topic. */
    record Letter(int partition, long offset) {}

    private final DSLContext db;

    DeadLetterResolutions(DSLContext db) {
        this.db = db;
    }

    /** The letters of this topic dealt with by this replay group. */
    Set<Letter> resolved(String group, String topic) {
        Set<Letter> resolved = new HashSet<>();
        db.select(DEAD_LETTER_RESOLUTION.KAFKA_PARTITION, DEAD_LETTER_RESOLUTION.KAFKA_OFFSET)
                .from(DEAD_LETTER_RESOLUTION)
                .where(DEAD_LETTER_RESOLUTION.CONSUMER_GROUP.eq(group))
                .and(DEAD_LETTER_RESOLUTION.TOPIC.eq(topic))
                .forEach(row -> resolved.add(new Letter(row.value1(), row.value2())));
        return resolved;
    }

    /**
     * Records letters as dealt with; one already recorded keeps its first resolution.
     *
     * @return how many were newly recorded
     */
    int record(
            String group,
            String topic,
            Collection<Letter> letters,
            Resolution resolution,
            LocalDateTime now) {
        if (letters.isEmpty()) {
            return 0;
        }
        var insert =
                db.insertInto(
                        DEAD_LETTER_RESOLUTION,
                        DEAD_LETTER_RESOLUTION.CONSUMER_GROUP,
                        DEAD_LETTER_RESOLUTION.TOPIC,
                        DEAD_LETTER_RESOLUTION.KAFKA_PARTITION,
                        DEAD_LETTER_RESOLUTION.KAFKA_OFFSET,
                        DEAD_LETTER_RESOLUTION.RESOLUTION,
                        DEAD_LETTER_RESOLUTION.RESOLVED_AT);
        for (Letter letter : letters) {
            insert =
                    insert.values(
                            group,
                            topic,
                            letter.partition(),
                            letter.offset(),
                            resolution.wireName(),
                            now);
        }
        return insert.onDuplicateKeyIgnore().execute();
    }

    /** Drops the rows below the replay group's position on each partition. */
    void purgeBelow(String group, Map<TopicPartition, Long> positions) {
        positions.forEach(
                (partition, position) ->
                        db.deleteFrom(DEAD_LETTER_RESOLUTION)
                                .where(DEAD_LETTER_RESOLUTION.CONSUMER_GROUP.eq(group))
                                .and(DEAD_LETTER_RESOLUTION.TOPIC.eq(partition.topic()))
                                .and(
                                        DEAD_LETTER_RESOLUTION.KAFKA_PARTITION.eq(
                                                partition.partition()))
                                .and(DEAD_LETTER_RESOLUTION.KAFKA_OFFSET.lt(position))
                                .execute());
    }
}
