package com.translation.pipeline.worker.apply;

import com.translation.pipeline.schema.event.EventEnvelope;
import com.translation.pipeline.schema.event.EventValidator;
import com.translation.pipeline.schema.event.Validation;
import com.translation.pipeline.worker.deadletter.DeadLetters;
import com.translation.pipeline.worker.deadletter.InvalidEventException;
import com.translation.pipeline.worker.deadletter.RefusedByDatabaseException;
import com.translation.pipeline.worker.offset.OffsetStore;
import com.translation.pipeline.worker.offset.PartitionFencedException;
import com.translation.pipeline.worker.write.EventWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.jooq.DSLContext;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Applies one poll: validates every record (invalid ones to the dead-letter topic), coalesces the
 * valid ones per key, and in one database transaction writes the rows, dead-letters the rows the
 * database refused and moves each partition's stored offset from where the poll started to where it
 * ended. The caller commits the same offsets to Kafka afterwards.
 */
@Service
public class BatchApplier {

    private final EventValidator validator;
    private final DeadLetters deadLetters;
    private final EventWriter writer;
    private final OffsetStore offsets;
    private final DSLContext db;
    private final TransactionTemplate transaction;
    private final WorkerMetrics metrics;
    private final Clock clock;

    BatchApplier(
            EventValidator validator,
            DeadLetters deadLetters,
            EventWriter writer,
            OffsetStore offsets,
            DSLContext db,
            TransactionTemplate transaction,
            WorkerMetrics metrics,
            Clock clock) {
        this.validator = validator;
        this.deadLetters = deadLetters;
        this.writer = writer;
        this.offsets = offsets;
        this.db = db;
        this.transaction = transaction;
        this.metrics = metrics;
        this.clock = clock;
    }

    /**
     * @param batches what the poll brought of each partition, each starting at its stored offset
     * @return the offsets now stored
     * @throws PartitionFencedException when a partition's stored offset is not where its batch
     *     starts; nothing of the poll is stored
     * @throws RuntimeException on any failure of the database or of the dead-letter topic; nothing
     *     of the poll is stored, and the poll is to be retried
     */
    public Applied apply(List<PartitionBatch> batches) {
        List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
        Map<TopicPartition, OffsetStore.Advance> advances = new LinkedHashMap<>();
        for (PartitionBatch batch : batches) {
            records.addAll(batch.records());
            advances.put(batch.partition(), batch.advance());
        }
        metrics.batch(records.size());
        metrics.records("polled", records.size());
        List<ReceivedEvent> events = validateAndDeadLetter(records);
        RecordCoalescer.Coalesced coalesced = RecordCoalescer.coalesce(events);

        Instant started = clock.instant();
        Written written =
                transaction.execute(
                        status -> {
                            EventWriter.Outcome outcome = writer.write(coalesced, started);
                            for (EventWriter.Refused refused : outcome.refused()) {
                                deadLetters.send(
                                        refused.event().record(),
                                        new RefusedByDatabaseException(refused.error()));
                            }
                            int offsetStatements =
                                    offsets.advance(
                                            db,
                                            advances,
                                            LocalDateTime.ofInstant(started, ZoneOffset.UTC));
                            return new Written(outcome, outcome.statements() + offsetStatements);
                        });
        Instant committed = clock.instant();
        Map<TopicPartition, Long> stored = new HashMap<>();
        advances.forEach((partition, advance) -> stored.put(partition, advance.to()));
        deadLetters.stored(stored);

        EventWriter.Outcome outcome = written.outcome();
        metrics.written(written.statements(), Duration.between(started, committed));
        metrics.records("applied", outcome.applied().size());
        metrics.records("stale", coalesced.stale());
        metrics.records("deleted", outcome.deleted());
        metrics.records("coalesced", coalesced.coalesced());
        metrics.records("refused", outcome.refused().size());
        outcome.applied().forEach(e -> metrics.applied(e.envelope().occurredAt(), committed));
        return new Applied(stored);
    }

    private record Written(EventWriter.Outcome outcome, int statements) {}

    private List<ReceivedEvent> validateAndDeadLetter(
            List<ConsumerRecord<String, byte[]>> records) {
        List<ReceivedEvent> events = new ArrayList<>(records.size());
        int deadLettered = 0;
        for (ConsumerRecord<String, byte[]> record : records) {
            Validation<EventEnvelope> validation = validator.validateEnvelope(record.value());
            if (validation.isValid()) {
                events.add(new ReceivedEvent(record, validation.value()));
            } else {
                deadLetters.send(record, new InvalidEventException(validation.errors()));
                deadLettered++;
            }
        }
        metrics.records("dead_lettered", deadLettered);
        return events;
    }
}
