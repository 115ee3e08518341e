package com.translation.pipeline.worker;

import com.translation.pipeline.schema.event.Topics;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * The settings of writer-worker ({@code worker.*}). The consumer group, the records of one poll and
 * client settings are Boot's own {@code spring.kafka.*}; the database is {@code
 * spring.datasource.*}.
 *
 * @param sessionsTopic the session events to apply
 * @param tasksTopic the task events to apply
 * @param deadLetterTopic where records that are not valid events, or that the database refused, go
 * @param consumers consumer loops in this process, each with its own consumer, thread and database
 *     connection; they share the partitions like separate workers. More than {@code
 *     spring.datasource.hikari.maximum-pool-size} less one wait for connections
 * @param pollTimeout the longest a poll waits for records
 * @param maxBatchRecords the records one transaction gathers from consecutive polls, at most (it
 *     stops at the first poll that reaches it, or {@code maxBatchBytes}, or brings nothing)
 * @param maxBatchBytes the bytes of records (keys and values as Kafka holds them, uncompressed) one
 *     transaction gathers before it stops polling; it holds at most this plus one poll ({@code
 *     spring.kafka.consumer.max-poll-records} records of up to a megabyte each)
 * @param retryInitialInterval the first wait after a failed batch (database down, deadlock, ...)
 * @param retryMaxInterval the longest wait between retries; retries never stop, nothing is skipped
 * @param deadLetterTimeout how long to wait for the dead-letter topic to acknowledge a record
 * @param maxStatementRows the most rows one upsert statement writes; statements are prepared in
 *     shapes of 512 rows and the powers of two below it
 * @param maxStatementBytes the most bytes of values one upsert statement carries; 0 (the default)
 *     takes the server's {@code max_allowed_packet} less 64 KB
 * @param createTopics whether to create missing topics at start (local runs)
 * @param topicPartitions partitions of topics created at start
 * @param topicReplicationFactor replicas of each topic created at start; unset: the broker's {@code
 *     default.replication.factor} (production: 3, docs/operations.md)
 * @param topicMinInsyncReplicas {@code min.insync.replicas} of each topic created at start; unset:
 *     the broker's (production: 2)
 */
@Validated
@ConfigurationProperties("worker")
public record WorkerProperties(
        @NotBlank @DefaultValue(Topics.SESSIONS) String sessionsTopic,
        @NotBlank @DefaultValue(Topics.TASKS) String tasksTopic,
        @NotBlank @DefaultValue(Topics.DEAD_LETTERS) String deadLetterTopic,
        @Min(1) @Max(64) @DefaultValue("3") int consumers,
        @NotNull @DefaultValue("1s") Duration pollTimeout,
        @Min(1) @Max(100_000) @DefaultValue("2000") int maxBatchRecords,
        @NotNull @DefaultValue("8MB") DataSize maxBatchBytes,
        @NotNull @DefaultValue("500ms") Duration retryInitialInterval,
        @NotNull @DefaultValue("30s") Duration retryMaxInterval,
        @NotNull @DefaultValue("10s") Duration deadLetterTimeout,
        @Min(1) @Max(10_000) @DefaultValue("512") int maxStatementRows,
        @NotNull @DefaultValue("0") DataSize maxStatementBytes,
        @DefaultValue("true") boolean createTopics,
        @Min(1) @DefaultValue("6") int topicPartitions,
        @Min(1) Integer topicReplicationFactor,
        @Min(1) Integer topicMinInsyncReplicas) {

    public List<String> eventTopics() {
        return List.of(sessionsTopic, tasksTopic);
    }
}
