package com.translation.pipeline.query.consistency;

import static com.translation.pipeline.schema.jooq.Tables.CONSUMER_OFFSET;

import com.translation.pipeline.query.QueryProperties;
import com.translation.pipeline.query.replica.ReadRoute;
import com.translation.pipeline.query.web.InvalidParameterException;
import com.translation.pipeline.schema.consistency.ConsistencyToken;
import com.translation.pipeline.schema.db.SessionDeletion;
import com.translation.pipeline.service.kafka.KafkaUnavailableException;
import com.translation.pipeline.service.kafka.TopicOffsets;
import com.translation.pipeline.service.wait.Polling;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;
import org.jooq.DSLContext;
import org.springframework.stereotype.Component;

/**
 * Waits, bounded by {@code query.consistency-timeout}, until the writer's stored offsets have
 * passed a consistency token's, i.e. the events behind it are in the database.
 *
 * <p>With a read replica the offsets are read on the replica, the server the read that follows
 * uses: the worker stores them in the same transaction as the rows, and replication applies a
 * transaction whole, so offsets that have reached the token there mean the rows are there too. The
 * replica must also have applied every delete the primary had committed when the wait began (their
 * count, {@link SessionDeletion#deletions}), so that a session deleted before the read is not shown
 * as consistent. When the replica has not reached it by the timeout, the primary is asked once, and
 * the read moves there ({@link ReadRoute.Reason#CONSISTENCY}): consistent when the primary has the
 * events, stale otherwise, as without a replica.
 */
@Component
class ConsistencyWait {

    static final Duration POLL_INTERVAL = Duration.ofMillis(50);

    private final DSLContext db;
    private final QueryProperties properties;
    private final TopicOffsets topicOffsets;
    private final ReadRoute route;

    ConsistencyWait(
            DSLContext db, QueryProperties properties, TopicOffsets topicOffsets, ReadRoute route) {
        this.db = db;
        this.properties = properties;
        this.topicOffsets = topicOffsets;
        this.route = route;
    }

    /**
     * True when the events are applied, false when the timeout passed first.
     *
     * @throws InvalidParameterException when the token cannot be from this pipeline's ingest-api:
     *     it names another topic, or, found when the wait times out, a partition the topic does not
     *     have or an offset past its end
     */
    boolean await(ConsistencyToken token) {
        for (String topic : token.offsets().keySet()) {
            if (!topic.equals(properties.sessionsTopic())
                    && !topic.equals(properties.tasksTopic())) {
                throw notFromHere("names the topic '" + topic + "', which is not an event topic");
            }
        }
        long deletions = route.deletionsToWaitFor();
        if (Polling.until(
                () -> reached(token, deletions), properties.consistencyTimeout(), POLL_INTERVAL)) {
            return true;
        }
        if (route.fallBack(ReadRoute.Reason.CONSISTENCY) && reached(token, 0)) {
            return true;
        }
        checkAgainstTheLogs(token);
        return false;
    }

    /**
     * An offset no acknowledged event can have; when Kafka does not answer within the Admin timeout
     * (one bound for the whole check), nothing is said.
     */
    private void checkAgainstTheLogs(ConsistencyToken token) {
        Map<TopicPartition, Long> ends;
        try {
            ends = topicOffsets.latest(token.offsets().keySet());
        } catch (KafkaUnavailableException e) {
            return;
        }
        token.offsets()
                .forEach(
                        (topic, offsets) ->
                                offsets.forEach(
                                        (partition, offset) -> {
                                            Long end =
                                                    ends.get(new TopicPartition(topic, partition));
                                            if (end == null) {
                                                throw notFromHere(
                                                        "names partition "
                                                                + partition
                                                                + " of "
                                                                + topic
                                                                + ", which does not exist");
                                            }
                                            if (offset > end) {
                                                throw notFromHere(
                                                        "names offset "
                                                                + offset
                                                                + " of "
                                                                + topic
                                                                + "-"
                                                                + partition
                                                                + ", past its end "
                                                                + end);
                                            }
                                        }));
    }

    private static InvalidParameterException notFromHere(String why) {
        return new InvalidParameterException(
                ConsistencyInterceptor.TOKEN_HEADER,
                "not a consistency token from this pipeline's ingest-api: it " + why);
    }

    /** The token's events, and {@code deletions} delete transactions, are in the database. */
    private boolean reached(ConsistencyToken token, long deletions) {
        if (deletions > 0 && SessionDeletion.deletions(db) < deletions) {
            return false;
        }
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
