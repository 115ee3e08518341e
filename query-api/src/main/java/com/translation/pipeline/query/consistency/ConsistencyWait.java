package com.translation.pipeline.query.consistency;

import static com.translation.pipeline.schema.jooq.Tables.CONSUMER_OFFSET;

import com.translation.pipeline.query.QueryProperties;
import com.translation.pipeline.schema.consistency.ConsistencyToken;
import com.translation.pipeline.service.wait.Polling;
import java.time.Duration;
import java.util.Map;
import org.jooq.DSLContext;
import org.springframework.stereotype.Component;

/**
 * Waits, bounded by {@code query.consistency-timeout}, until the writer's stored offsets have
 * passed a consistency token's, i.e. the events behind it are in the database.
 */
@Component
class ConsistencyWait {

    static final Duration POLL_INTERVAL = Duration.ofMillis(50);

    private final DSLContext db;
    private final QueryProperties properties;

    ConsistencyWait(DSLContext db, QueryProperties properties) {
        this.db = db;
        this.properties = properties;
    }

    /** True when the events are applied, false when the timeout passed first. */
    boolean await(ConsistencyToken token) {
        return Polling.until(() -> reached(token), properties.consistencyTimeout(), POLL_INTERVAL);
    }

    private boolean reached(ConsistencyToken token) {
        for (Map.Entry<String, Map<Integer, Long>> topic : token.offsets().entrySet()) {
            Map<Integer, Long> stored =
                    db.select(CONSUMER_OFFSET.KAFKA_PARTITION, CONSUMER_OFFSET.NEXT_OFFSET)
                            .from(CONSUMER_OFFSET)
                            .where(CONSUMER_OFFSET.CONSUMER_GROUP.eq(properties.writerGroup()))
                            .and(CONSUMER_OFFSET.TOPIC.eq(topic.getKey()))
                            .fetchMap(CONSUMER_OFFSET.KAFKA_PARTITION, CONSUMER_OFFSET.NEXT_OFFSET);
            for (Map.Entry<Integer, Long> needed : topic.getValue().entrySet()) {
                if (stored.getOrDefault(needed.getKey(), 0L) < needed.getValue()) {
                    return false;
                }
            }
        }
        return true;
    }
}
