package com.translation.pipeline.ingest.batch;

import com.translation.pipeline.ingest.IngestProperties;
import com.translation.pipeline.ingest.publish.EventPublisher;
import com.translation.pipeline.ingest.publish.EventRecord;
import com.translation.pipeline.ingest.publish.PublishResult;
import com.translation.pipeline.schema.consistency.ConsistencyToken;
import com.translation.pipeline.schema.event.EventCodec;
import com.translation.pipeline.schema.event.EventData;
import com.translation.pipeline.schema.event.EventEnvelope;
import com.translation.pipeline.schema.event.EventValidator;
import com.translation.pipeline.schema.event.FieldError;
import com.translation.pipeline.schema.event.Validation;
import com.translation.pipeline.service.web.RequestBodyException;
import io.micrometer.core.instrument.Timer;
import java.io.InputStream;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import tools.jackson.databind.JsonNode;

/**
 * Reads a batch item by item, validates each and encodes the valid ones as event records within
 * Kafka's record limit, publishes them and tells, item by item, what happened: 202 when all are
 * durably in Kafka, 207 when some were rejected and the rest are, 422 when nothing was published.
 */
@Service
class BatchIngestor {

    private static final Logger log = LoggerFactory.getLogger(BatchIngestor.class);

    private final EventValidator validator;
    private final EventPublisher publisher;
    private final IngestProperties properties;
    private final IngestMetrics metrics;
    private final ItemMemoryBudget memory;
    private final Clock clock;

    BatchIngestor(
            EventValidator validator,
            EventPublisher publisher,
            IngestProperties properties,
            IngestMetrics metrics,
            ItemMemoryBudget memory,
            Clock clock) {
        this.validator = validator;
        this.publisher = publisher;
        this.properties = properties;
        this.metrics = metrics;
        this.memory = memory;
        this.clock = clock;
    }

    record Outcome(HttpStatus status, BatchResponse response) {}

    /**
     * One item as read: its id (when it has one) and either its event record or why it has none.
     */
    private record Item(int index, String id, EventRecord record, List<FieldError> errors) {
        boolean isValid() {
            return record != null;
        }
    }

    /**
     * @param body the request body, read here as a stream
     * @throws BatchTooLargeException at the first item past {@code ingest.max-items}
     * @throws MalformedBatchException when the body is not a batch of this kind
     * @throws RequestBodyException when the body breaks a limit while it is read, or its items find
     *     no room in the {@link ItemMemoryBudget}
     * @throws EventsNotAcknowledgedException when Kafka did not acknowledge every event in time
     */
    Outcome ingest(RecordKind kind, InputStream body, boolean atomic) throws RequestBodyException {
        List<Item> items = new ArrayList<>();
        BatchReader.read(
                body,
                kind.field(),
                properties.maxItems(),
                memory,
                (index, node, unreadable) ->
                        items.add(
                                unreadable != null
                                        ? new Item(index, null, null, List.of(unreadable))
                                        : prepare(kind, index, node)));
        long invalid = items.stream().filter(item -> !item.isValid()).count();
        if (invalid == items.size() || (atomic && invalid > 0)) {
            return finish(kind, HttpStatus.UNPROCESSABLE_CONTENT, nothingPublished(items), null);
        }
        List<EventRecord> records = items.stream().filter(Item::isValid).map(Item::record).toList();
        Timer.Sample publishing = metrics.startPublish();
        List<PublishResult> published = publisher.publish(kind.topic(properties), records);
        boolean allAcknowledged = published.stream().allMatch(PublishResult::isAcknowledged);
        metrics.publishDone(publishing, kind, allAcknowledged);

        List<ItemResult> results = new ArrayList<>(items.size());
        List<PublishResult> acknowledged = new ArrayList<>();
        int next = 0;
        for (Item item : items) {
            if (!item.isValid()) {
                results.add(ItemResult.rejected(item.index(), item.id(), item.errors()));
                continue;
            }
            PublishResult result = published.get(next++);
            if (result.isAcknowledged()) {
                acknowledged.add(result);
                results.add(ItemResult.accepted(item.index(), item.id()));
            } else {
                results.add(ItemResult.failed(item.index(), item.id(), result.failure()));
            }
        }
        String token = acknowledged.isEmpty() ? null : tokenFor(acknowledged);
        if (!allAcknowledged) {
            log.warn(
                    "Kafka did not acknowledge {} of {} {} events: {}",
                    published.stream().filter(r -> !r.isAcknowledged()).count(),
                    published.size(),
                    kind.field(),
                    published.stream()
                            .filter(r -> !r.isAcknowledged())
                            .findFirst()
                            .map(PublishResult::failure)
                            .orElse(""));
            finish(kind, HttpStatus.SERVICE_UNAVAILABLE, results, token);
            throw new EventsNotAcknowledgedException(BatchResponse.of(results, token));
        }
        return finish(
                kind, invalid > 0 ? HttpStatus.MULTI_STATUS : HttpStatus.ACCEPTED, results, token);
    }

    /** Validates one item and encodes it; its tree is not kept. */
    private Item prepare(RecordKind kind, int index, JsonNode node) {
        String id = kind.idOf(node);
        properties.naiveTimestamps().apply(node, validator.timestampFields(kind.eventType()));
        Validation<? extends EventData> validation = kind.validate(validator, node);
        if (!validation.isValid()) {
            return new Item(index, id, null, validation.errors());
        }
        EventEnvelope envelope = EventEnvelope.wrap(validation.value(), clock.instant());
        Validation<byte[]> encoded = EventCodec.encodeWithinLimit(envelope);
        if (!encoded.isValid()) {
            return new Item(index, id, null, encoded.errors());
        }
        return new Item(index, id, new EventRecord(envelope.key(), encoded.value()), List.of());
    }

    private Outcome finish(
            RecordKind kind, HttpStatus status, List<ItemResult> results, String token) {
        metrics.items(kind, results);
        metrics.request(kind, status.value());
        return new Outcome(status, BatchResponse.of(results, token));
    }

    private static List<ItemResult> nothingPublished(List<Item> items) {
        List<ItemResult> results = new ArrayList<>(items.size());
        for (Item item : items) {
            results.add(
                    item.isValid()
                            ? ItemResult.heldBack(item.index(), item.id())
                            : ItemResult.rejected(item.index(), item.id(), item.errors()));
        }
        return results;
    }

    /** The offset just past the last acknowledged event, per topic and partition. */
    private static String tokenFor(List<PublishResult> acknowledged) {
        Map<String, Map<Integer, Long>> offsets = new HashMap<>();
        for (PublishResult result : acknowledged) {
            offsets.computeIfAbsent(result.topic(), topic -> new HashMap<>())
                    .merge(result.partition(), result.offset() + 1, Math::max);
        }
        return new ConsistencyToken(offsets).encode();
    }
}
