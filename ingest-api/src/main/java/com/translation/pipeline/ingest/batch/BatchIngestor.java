package com.translation.pipeline.ingest.batch;

import com.translation.pipeline.ingest.IngestProperties;
import com.translation.pipeline.ingest.publish.EventPublisher;
import com.translation.pipeline.ingest.publish.PublishResult;
import com.translation.pipeline.schema.consistency.ConsistencyToken;
import com.translation.pipeline.schema.event.EventData;
import com.translation.pipeline.schema.event.EventEnvelope;
import com.translation.pipeline.schema.event.EventValidator;
import com.translation.pipeline.schema.event.Validation;
import io.micrometer.core.instrument.Timer;
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
import tools.jackson.databind.node.NullNode;

/**
 * Validates every item of a batch, publishes the valid ones and tells, item by item, what happened:
 * 202 when all are durably in Kafka, 207 when some were rejected and the rest are, 422 when nothing
 * was published.
 */
@Service
class BatchIngestor {

    private static final Logger log = LoggerFactory.getLogger(BatchIngestor.class);

    private final EventValidator validator;
    private final EventPublisher publisher;
    private final IngestProperties properties;
    private final IngestMetrics metrics;
    private final Clock clock;

    BatchIngestor(
            EventValidator validator,
            EventPublisher publisher,
            IngestProperties properties,
            IngestMetrics metrics,
            Clock clock) {
        this.validator = validator;
        this.publisher = publisher;
        this.properties = properties;
        this.metrics = metrics;
        this.clock = clock;
    }

    record Outcome(HttpStatus status, BatchResponse response) {}

    Outcome ingest(RecordKind kind, List<JsonNode> items, boolean atomic) {
        if (items.size() > properties.maxItems()) {
            throw new BatchTooLargeException(kind.field(), properties.maxItems(), items.size());
        }
        List<Validation<? extends EventData>> validations = new ArrayList<>(items.size());
        for (JsonNode item : items) {
            validations.add(kind.validate(validator, item == null ? NullNode.getInstance() : item));
        }
        long invalid = validations.stream().filter(v -> !v.isValid()).count();
        if (invalid == items.size() || (atomic && invalid > 0)) {
            return finish(
                    kind,
                    HttpStatus.UNPROCESSABLE_CONTENT,
                    nothingPublished(kind, items, validations),
                    null);
        }
        List<EventEnvelope> envelopes = new ArrayList<>();
        for (Validation<? extends EventData> validation : validations) {
            if (validation.isValid()) {
                envelopes.add(EventEnvelope.wrap(validation.value(), clock.instant()));
            }
        }
        Timer.Sample publishing = metrics.startPublish();
        List<PublishResult> published = publisher.publish(kind.topic(properties), envelopes);
        boolean allAcknowledged = published.stream().allMatch(PublishResult::isAcknowledged);
        metrics.publishDone(publishing, kind, allAcknowledged);

        List<ItemResult> results = new ArrayList<>(items.size());
        List<PublishResult> acknowledged = new ArrayList<>();
        int next = 0;
        for (int index = 0; index < items.size(); index++) {
            String id = idOf(kind, items.get(index));
            Validation<? extends EventData> validation = validations.get(index);
            if (!validation.isValid()) {
                results.add(ItemResult.rejected(index, id, validation.errors()));
                continue;
            }
            PublishResult result = published.get(next++);
            if (result.isAcknowledged()) {
                acknowledged.add(result);
                results.add(ItemResult.accepted(index, id));
            } else {
                results.add(ItemResult.failed(index, id, result.failure()));
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

    private Outcome finish(
            RecordKind kind, HttpStatus status, List<ItemResult> results, String token) {
        metrics.items(kind, results);
        metrics.request(kind, status.value());
        return new Outcome(status, BatchResponse.of(results, token));
    }

    private static List<ItemResult> nothingPublished(
            RecordKind kind,
            List<JsonNode> items,
            List<Validation<? extends EventData>> validations) {
        List<ItemResult> results = new ArrayList<>(items.size());
        for (int index = 0; index < items.size(); index++) {
            String id = idOf(kind, items.get(index));
            Validation<? extends EventData> validation = validations.get(index);
            results.add(
                    validation.isValid()
                            ? ItemResult.heldBack(index, id)
                            : ItemResult.rejected(index, id, validation.errors()));
        }
        return results;
    }

    private static String idOf(RecordKind kind, JsonNode item) {
        return item == null ? null : kind.idOf(item);
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
