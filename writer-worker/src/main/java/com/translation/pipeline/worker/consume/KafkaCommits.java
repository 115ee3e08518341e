package com.translation.pipeline.worker.consume;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Kafka's copy of the offsets stored in the database, for lag, standard tools and the flush
 * barrier; the database's is the truth. Only offsets already committed to the database are ever
 * given here, so Kafka's copy is never ahead. A commit is sent without waiting (waiting cost about
 * 10 ms a batch, docs/benchmarks.md); one that fails, typically refused during a rebalance, is
 * caught up by comparing with what Kafka has, at most once a second. Confined to the loop's thread.
 */
final class KafkaCommits {

    private static final Logger log = LoggerFactory.getLogger(KafkaCommits.class);
    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    private static final long CATCH_UP_INTERVAL_NANOS = Duration.ofSeconds(1).toNanos();

    private final Consumer<?, ?> consumer;
    private boolean lagging;
    private long nextCatchUp;

    KafkaCommits(Consumer<?, ?> consumer) {
        this.consumer = consumer;
    }

    /** Commits offsets the database has just stored. */
    void commit(Map<TopicPartition, Long> stored) {
        consumer.commitAsync(
                toKafka(stored),
                (offsets, error) -> {
                    if (error != null) {
                        lagging = true;
                        log.warn(
                                "Offsets are stored in the database but not yet in Kafka: {}",
                                error.getMessage());
                    }
                });
    }

    /** Brings Kafka's copy up to {@code stored} if a commit failed, at most once a second. */
    void catchUp(Map<TopicPartition, Long> stored) {
        if (lagging && System.nanoTime() - nextCatchUp >= 0) {
            catchUpNow(stored);
        }
    }

    /**
     * Commits {@code stored} where Kafka's committed offsets are behind it. They fall behind when a
     * worker dies between its two commits or a commit is refused during a rebalance, and nothing
     * else moves them until new records arrive, so lag and the flush barrier would count applied
     * records as pending.
     */
    void catchUpNow(Map<TopicPartition, Long> stored) {
        lagging = false;
        nextCatchUp = System.nanoTime() + CATCH_UP_INTERVAL_NANOS;
        if (stored.isEmpty()) {
            return;
        }
        try {
            Map<TopicPartition, OffsetAndMetadata> committed =
                    consumer.committed(stored.keySet(), TIMEOUT);
            Map<TopicPartition, Long> behind = new HashMap<>();
            stored.forEach(
                    (partition, offset) -> {
                        OffsetAndMetadata inKafka = committed.get(partition);
                        if (inKafka == null || inKafka.offset() < offset) {
                            behind.put(partition, offset);
                        }
                    });
            if (!behind.isEmpty()) {
                consumer.commitSync(toKafka(behind), TIMEOUT);
                log.info("Kafka's committed offsets brought up to the database's: {}", behind);
            }
        } catch (RuntimeException e) {
            lagging = true;
            log.warn(
                    "Kafka's committed offsets stay behind the database's for now: {}",
                    e.getMessage());
        }
    }

    private static Map<TopicPartition, OffsetAndMetadata> toKafka(
            Map<TopicPartition, Long> offsets) {
        Map<TopicPartition, OffsetAndMetadata> commit = new HashMap<>();
        offsets.forEach(
                (partition, offset) -> commit.put(partition, new OffsetAndMetadata(offset)));
        return commit;
    }
}
