package com.translation.pipeline.ingest;

import com.translation.pipeline.schema.event.Topics;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * The settings of ingest-api ({@code ingest.*}); Kafka client settings are Boot's own {@code
 * spring.kafka.*}, the body size limit is {@code pipeline.web.max-body-size}.
 *
 * @param sessionsTopic where session events go
 * @param tasksTopic where task events go
 * @param maxItems the most items one batch may carry
 * @param maxItemMemoryInFlight the most heap that the items being parsed may take beyond their
 *     first 64 KiB each, all requests together, as estimated from their JSON tokens (see {@code
 *     ItemMemoryBudget}); a request that finds no room within {@code pipeline.web.body-budget-wait}
 *     is answered 503 with Retry-After
 * @param publishTimeout how long a batch waits for Kafka's acknowledgements before it is answered
 *     503; above the producer's delivery.timeout.ms so that the producer gives up first
 * @param retryAfter what a 503 tells the caller to wait
 * @param writerGroup the consumer group of writer-worker, whose progress the flush barrier waits
 *     for
 * @param flushDefaultTimeout how long a flush waits when the request names no timeout
 * @param flushMaxTimeout the longest wait a flush may ask for
 * @param createTopics whether to create missing topics at start (local runs); production topics are
 *     created by operators
 * @param topicPartitions partitions of topics created at start
 * @param topicReplicationFactor replicas of each topic created at start; unset: the broker's {@code
 *     default.replication.factor} (production: 3, docs/operations.md)
 * @param topicMinInsyncReplicas {@code min.insync.replicas} of each topic created at start, the
 *     replicas that must have an event before it is acknowledged; unset: the broker's (production:
 *     2)
 * @param naiveTimestamps what a timestamp without an offset means: {@code reject} (the contract's
 *     rule, the default) or {@code utc} (for callers moving from the Python service; see {@link
 *     NaiveTimestamps})
 */
@Validated
@ConfigurationProperties("ingest")
public record IngestProperties(
        @NotBlank @DefaultValue(Topics.SESSIONS) String sessionsTopic,
        @NotBlank @DefaultValue(Topics.TASKS) String tasksTopic,
        @Min(1) @Max(100_000) @DefaultValue("1000") int maxItems,
        @NotNull @DefaultValue("20MB") DataSize maxItemMemoryInFlight,
        @NotNull @DefaultValue("8s") Duration publishTimeout,
        @NotNull @DefaultValue("5s") Duration retryAfter,
        @NotBlank @DefaultValue("writer-worker") String writerGroup,
        @NotNull @DefaultValue("30s") Duration flushDefaultTimeout,
        @NotNull @DefaultValue("5m") Duration flushMaxTimeout,
        @DefaultValue("true") boolean createTopics,
        @Min(1) @DefaultValue("6") int topicPartitions,
        @Min(1) Integer topicReplicationFactor,
        @Min(1) Integer topicMinInsyncReplicas,
        @NotNull @DefaultValue("reject") NaiveTimestamps naiveTimestamps) {}
