package com.translation.pipeline.worker.deadletter;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.stereotype.Component;

/**
 * Sends records that are not valid events to the dead-letter topic and waits for the
 * acknowledgement; a failure throws, so the batch is retried rather than the record skipped. A
 * record is sent once per process even when its batch is retried (a crash before the offsets are
 * stored may send it once more).
 */
@Component
public class DeadLetters {

    private record Coordinates(TopicPartition partition, long offset) {}

    private final DeadLetterPublishingRecoverer recoverer;
    private final Set<Coordinates> sent = new HashSet<>();

    DeadLetters(DeadLetterPublishingRecoverer recoverer) {
        this.recoverer = recoverer;
    }

    public void send(ConsumerRecord<String, byte[]> record, InvalidEventException reason) {
        Coordinates coordinates =
                new Coordinates(
                        new TopicPartition(record.topic(), record.partition()), record.offset());
        if (!sent.contains(coordinates)) {
            recoverer.accept(record, reason);
            sent.add(coordinates);
        }
    }

    /** Forgets records below the offsets now stored: they will not be polled again. */
    public void stored(Map<TopicPartition, Long> next) {
        sent.removeIf(c -> next.containsKey(c.partition()) && c.offset() < next.get(c.partition()));
    }
}
