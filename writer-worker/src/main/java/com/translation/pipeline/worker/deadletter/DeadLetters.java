package com.translation.pipeline.worker.deadletter;

import com.translation.pipeline.schema.event.DeadLetterHeaders;
import com.translation.pipeline.schema.event.EventEnvelope;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.stereotype.Component;

/**
 * Sends records to the dead-letter topic, those that are not valid events and those the database
 * refused, and waits for the acknowledgement; a failure throws, so the batch is retried rather than
 * the record skipped. A record is sent once per process even when its batch is retried (a crash
 * before the offsets are stored may send it once more).
 *
 * <p>A value larger than the contract's largest envelope can never become valid, so only its first
 * {@value #KEPT_BYTES} bytes are kept (its size is in {@code dlq-original-value-bytes}): the
 * dead-letter record then always fits the producer's and the topic's limits, and a record that does
 * not fit cannot stall the worker.
 */
@Component
public class DeadLetters {

    static final int KEPT_BYTES = 64 * 1024;

    private record Coordinates(TopicPartition partition, long offset) {}

    private final DeadLetterPublishingRecoverer recoverer;
    private final Set<Coordinates> sent = new HashSet<>();

    DeadLetters(DeadLetterPublishingRecoverer recoverer) {
        this.recoverer = recoverer;
    }

    /**
     * @throws RuntimeException when the dead-letter topic did not acknowledge the record in time
     */
    public void send(ConsumerRecord<String, byte[]> record, RuntimeException reason) {
        Coordinates coordinates =
                new Coordinates(
                        new TopicPartition(record.topic(), record.partition()), record.offset());
        if (!sent.contains(coordinates)) {
            recoverer.accept(bounded(record), reason);
            sent.add(coordinates);
        }
    }

    /** Forgets records below the offsets now stored: they will not be polled again. */
    public void stored(Map<TopicPartition, Long> next) {
        sent.removeIf(c -> next.containsKey(c.partition()) && c.offset() < next.get(c.partition()));
    }

    private static ConsumerRecord<String, byte[]> bounded(ConsumerRecord<String, byte[]> record) {
        byte[] value = record.value();
        if (value == null || value.length <= EventEnvelope.MAX_EVENT_BYTES) {
            return record;
        }
        RecordHeaders headers = new RecordHeaders(record.headers().toArray());
        headers.add(
                DeadLetterHeaders.ORIGINAL_VALUE_BYTES,
                Integer.toString(value.length).getBytes(StandardCharsets.UTF_8));
        return new ConsumerRecord<>(
                record.topic(),
                record.partition(),
                record.offset(),
                record.timestamp(),
                record.timestampType(),
                record.serializedKeySize(),
                KEPT_BYTES,
                record.key(),
                Arrays.copyOf(value, KEPT_BYTES),
                headers,
                record.leaderEpoch());
    }
}
