package com.translation.pipeline.ingest.publish;

import com.translation.pipeline.ingest.IngestProperties;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.errors.RetriableException;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.SendResult;
import org.springframework.stereotype.Component;

/**
 * Publishes encoded events keyed by session id and waits, within a bound, for Kafka to acknowledge
 * each one (the producer runs with acks=all and idempotence). Never reports an event as published
 * unless Kafka acknowledged it.
 */
@Component
public class EventPublisher {

    private final KafkaTemplate<String, byte[]> kafka;
    private final Duration timeout;
    private final PublishHealthIndicator health;

    EventPublisher(
            KafkaTemplate<String, byte[]> kafka,
            IngestProperties properties,
            PublishHealthIndicator health) {
        this.kafka = kafka;
        this.timeout = properties.publishTimeout();
        this.health = health;
    }

    /** One result per record, in order. */
    public List<PublishResult> publish(String topic, List<EventRecord> records) {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<CompletableFuture<SendResult<String, byte[]>>> sends = new ArrayList<>();
        for (EventRecord record : records) {
            CompletableFuture<SendResult<String, byte[]>> send = send(topic, record);
            sends.add(send);
            // A send that failed at once (no metadata, full buffer) will fail for the rest too,
            // each after max.block.ms: stop here rather than multiply the wait by the batch size.
            if (send.isCompletedExceptionally() || System.nanoTime() > deadline) {
                break;
            }
        }
        List<PublishResult> results = new ArrayList<>(records.size());
        String firstFailure = null;
        for (int i = 0; i < records.size(); i++) {
            PublishResult result =
                    i < sends.size()
                            ? await(topic, sends.get(i), deadline)
                            : PublishResult.failed(topic, "not sent: Kafka is unavailable");
            results.add(result);
            if (firstFailure == null && !result.isAcknowledged()) {
                firstFailure = result.failure();
            }
        }
        health.record(firstFailure);
        return results;
    }

    private CompletableFuture<SendResult<String, byte[]>> send(String topic, EventRecord record) {
        try {
            return kafka.send(topic, record.key(), record.value());
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    private static PublishResult await(
            String topic, CompletableFuture<SendResult<String, byte[]>> send, long deadline) {
        try {
            long remaining = Math.max(0, deadline - System.nanoTime());
            RecordMetadata metadata = send.get(remaining, TimeUnit.NANOSECONDS).getRecordMetadata();
            return PublishResult.acknowledged(topic, metadata.partition(), metadata.offset());
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            Throwable root = cause.getCause() == null ? cause : cause.getCause();
            if (root instanceof RetriableException) {
                // A timeout, too few in-sync replicas, a leader that moved: the broker may have
                // written the event before the producer gave up. The producer's own words would
                // name other requests' records ("Expiring 4 record(s) for <partition>").
                return PublishResult.failed(
                        topic,
                        "Kafka did not acknowledge it ("
                                + root.getClass().getSimpleName()
                                + "); it may or may not have been stored");
            }
            return PublishResult.failed(topic, "Kafka did not acknowledge: " + root.getMessage());
        } catch (TimeoutException e) {
            return PublishResult.failed(topic, "Kafka did not acknowledge in time");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return PublishResult.failed(topic, "interrupted while waiting for Kafka");
        }
    }
}
