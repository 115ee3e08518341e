package com.translation.pipeline.worker;

import com.translation.pipeline.schema.event.Topics;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The settings of writer-worker ({@code worker.*}). The consumer group, poll sizes and client
 * settings are Boot's own {@code spring.kafka.*}; the database is {@code spring.datasource.*}.
 *
 * @param sessionsTopic the session events to apply
 * @param tasksTopic the task events to apply
 * @param deadLetterTopic where records that are not valid events go
 * @param retryInitialInterval the first wait after a failed batch (database down, deadlock, ...)
 * @param retryMaxInterval the longest wait between retries; retries never stop, nothing is skipped
 * @param deadLetterTimeout how long to wait for the dead-letter topic to acknowledge a record
 * @param createTopics whether to create missing topics at start (local runs)
 * @param topicPartitions partitions of topics created at start
 */
@Validated
@ConfigurationProperties("worker")
public record WorkerProperties(
        @NotBlank @DefaultValue(Topics.SESSIONS) String sessionsTopic,
        @NotBlank @DefaultValue(Topics.TASKS) String tasksTopic,
        @NotBlank @DefaultValue(Topics.DEAD_LETTERS) String deadLetterTopic,
        @NotNull @DefaultValue("500ms") Duration retryInitialInterval,
        @NotNull @DefaultValue("30s") Duration retryMaxInterval,
        @NotNull @DefaultValue("10s") Duration deadLetterTimeout,
        @DefaultValue("true") boolean createTopics,
        @Min(1) @DefaultValue("6") int topicPartitions) {

    public List<String> eventTopics() {
        return List.of(sessionsTopic, tasksTopic);
    }
}
