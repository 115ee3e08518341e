package com.translation.pipeline.worker.apply;

import com.translation.pipeline.schema.event.EventEnvelope;
import com.translation.pipeline.schema.event.EventValidator;
import com.translation.pipeline.schema.event.Validation;
import com.translation.pipeline.worker.consume.PartitionSeeker;
import com.translation.pipeline.worker.deadletter.DeadLetters;
import com.translation.pipeline.worker.deadletter.InvalidEventException;
import com.translation.pipeline.worker.offset.OffsetStore;
import com.translation.pipeline.worker.offset.PartitionFencedException;
import com.translation.pipeline.worker.offset.PartitionPositions;
import com.translation.pipeline.worker.write.EventWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Applies one poll: validates every record (invalid ones to the dead-letter topic), coalesces the
 * valid ones per key, and writes rows and partition offsets in one database transaction; then
 * commits the same offsets to Kafka so that lag and the flush barrier show progress. Any database
 * error is thrown, and the container's error handler retries the batch with backoff while the
 * partitions stay paused: nothing is skipped and nothing goes to the dead-letter topic because of
 * the database.
 */
@Service
public class BatchApplier {

    private static final Logger log = LoggerFactory.getLogger(BatchApplier.class);

    private final EventValidator validator;
    private final DeadLetters deadLetters;
    private final EventWriter writer;
    private final OffsetStore offsets;
    private final PartitionPositions positions;
    private final PartitionSeeker seeker;
    private final TransactionTemplate transaction;
    private final WorkerMetrics metrics;
    private final Clock clock;

    BatchApplier(
            EventValidator validator,
            DeadLetters deadLetters,
            EventWriter writer,
            OffsetStore offsets,
            PartitionPositions positions,
            PartitionSeeker seeker,
            TransactionTemplate transaction,
            WorkerMetrics metrics,
            Clock clock) {
        this.validator = validator;
        this.deadLetters = deadLetters;
        this.writer = writer;
        this.offsets = offsets;
        this.positions = positions;
        this.seeker = seeker;
        this.transaction = transaction;
        this.metrics = metrics;
        this.clock = clock;
    }

    public void apply(List<ConsumerRecord<String, byte[]>> polled, Consumer<?, ?> consumer) {
        metrics.batch(polled.size());
        metrics.records("polled", polled.size());
        List<ConsumerRecord<String, byte[]>> records = ownedAndResolved(polled, consumer);
        if (records.isEmpty()) {
            return;
        }
        List<ReceivedEvent> events = validateAndDeadLetter(records);
        RecordCoalescer.Coalesced batch = RecordCoalescer.coalesce(events);
        Map<TopicPartition, Long> next = nextOffsets(records);

        Instant started = clock.instant();
        Written written;
        try {
            written =
                    transaction.execute(
                            status -> {
                                EventWriter.Outcome outcome = writer.write(batch, started);
                                int offsetStatements =
                                        offsets.advance(
                                                next,
                                                positions,
                                                LocalDateTime.ofInstant(started, ZoneOffset.UTC));
                                return new Written(
                                        outcome, outcome.statements() + offsetStatements);
                            });
        } catch (PartitionFencedException e) {
            log.warn("{}; re-reading stored offsets of {}", e.getMessage(), next.keySet());
            metrics.records("fenced", records.size());
            positions.forget(next.keySet());
            seeker.seekToStored(consumer, owned(next.keySet(), consumer));
            return;
        }
        EventWriter.Outcome outcome = written.outcome();
        Instant committed = clock.instant();
        positions.advanced(next);
        deadLetters.stored(next);
        metrics.written(written.statements(), Duration.between(started, committed));
        metrics.records("applied", outcome.applied().size());
        metrics.records("stale", batch.stale() + outcome.stale());
        metrics.records("deleted", outcome.deleted());
        metrics.records("coalesced", batch.coalesced());
        outcome.applied().forEach(e -> metrics.applied(e.envelope().occurredAt(), committed));
        commitToKafka(consumer, next);
    }

    private record Written(EventWriter.Outcome outcome, int statements) {}

    /**
     * Records of partitions this worker still owns and whose stored offset it knows. Partitions not
     * yet resolved (their assignment could not read the database) are resolved now: the consumer
     * seeks to the stored offset and their records are polled again from there.
     */
    private List<ConsumerRecord<String, byte[]>> ownedAndResolved(
            List<ConsumerRecord<String, byte[]>> polled, Consumer<?, ?> consumer) {
        Set<TopicPartition> assigned = consumer.assignment();
        Set<TopicPartition> unresolved = new LinkedHashSet<>();
        List<ConsumerRecord<String, byte[]>> records = new ArrayList<>(polled.size());
        for (ConsumerRecord<String, byte[]> record : polled) {
            TopicPartition partition = new TopicPartition(record.topic(), record.partition());
            if (!assigned.contains(partition)) {
                continue;
            }
            if (positions.isResolved(partition)) {
                records.add(record);
            } else {
                unresolved.add(partition);
            }
        }
        seeker.seekToStored(consumer, unresolved);
        return records;
    }

    private List<ReceivedEvent> validateAndDeadLetter(
            List<ConsumerRecord<String, byte[]>> records) {
        List<ReceivedEvent> events = new ArrayList<>(records.size());
        int deadLettered = 0;
        for (ConsumerRecord<String, byte[]> record : records) {
            Validation<EventEnvelope> validation = validator.validateEnvelope(record.value());
            if (validation.isValid()) {
                events.add(
                        new ReceivedEvent(
                                new TopicPartition(record.topic(), record.partition()),
                                record.offset(),
                                validation.value()));
            } else {
                deadLetters.send(record, new InvalidEventException(validation.errors()));
                deadLettered++;
            }
        }
        metrics.records("dead_lettered", deadLettered);
        return events;
    }

    private static Map<TopicPartition, Long> nextOffsets(
            List<ConsumerRecord<String, byte[]>> records) {
        Map<TopicPartition, Long> next = new HashMap<>();
        for (ConsumerRecord<String, byte[]> record : records) {
            next.merge(
                    new TopicPartition(record.topic(), record.partition()),
                    record.offset() + 1,
                    Math::max);
        }
        return next;
    }

    private static List<TopicPartition> owned(
            Set<TopicPartition> partitions, Consumer<?, ?> consumer) {
        Set<TopicPartition> assigned = consumer.assignment();
        return partitions.stream().filter(assigned::contains).toList();
    }

    /**
     * Kafka's copy of the offsets is for lag and the flush barrier; the database's is the truth. It
     * is sent without waiting, so the next poll does not wait a broker round trip (about 10 ms a
     * batch, docs/benchmarks.md); commits of one consumer reach the coordinator in order, and a
     * copy refused by a rebalance is caught up after it ({@code PartitionSeeker}).
     */
    private static void commitToKafka(Consumer<?, ?> consumer, Map<TopicPartition, Long> next) {
        Map<TopicPartition, OffsetAndMetadata> commit = new HashMap<>();
        next.forEach((partition, offset) -> commit.put(partition, new OffsetAndMetadata(offset)));
        consumer.commitAsync(
                commit,
                (offsets, error) -> {
                    if (error != null) {
                        log.warn(
                                "Offsets are stored in the database but not yet in Kafka: {}",
                                error.getMessage());
                    }
                });
    }
}
