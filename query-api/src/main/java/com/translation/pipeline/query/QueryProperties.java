package com.translation.pipeline.query;

import com.translation.pipeline.schema.event.Topics;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The settings of query-api ({@code query.*}); the database is Boot's {@code spring.datasource.*}.
 *
 * @param writerGroup the writer's consumer group, whose stored offsets consistency tokens and stats
 *     read
 * @param sessionsTopic the session topic, for lag in stats
 * @param tasksTopic the task topic, for lag in stats
 * @param deadLetterTopic the dead-letter topic, counted in stats
 * @param defaultPageSize page size when a list request names none
 * @param maxPageSize the largest page size a request may ask for
 * @param consistencyTimeout how long a read carrying a consistency token waits for the writer
 * @param cleanupChunkSize sessions deleted per transaction by a cleanup run
 * @param cleanupSampleSize ids a cleanup answer lists as a sample
 * @param tombstoneRetention how long a delete's tombstone is kept; Kafka's retention should be
 *     shorter
 */
@Validated
@ConfigurationProperties("query")
public record QueryProperties(
        @NotBlank @DefaultValue("writer-worker") String writerGroup,
        @NotBlank @DefaultValue(Topics.SESSIONS) String sessionsTopic,
        @NotBlank @DefaultValue(Topics.TASKS) String tasksTopic,
        @NotBlank @DefaultValue(Topics.DEAD_LETTERS) String deadLetterTopic,
        @Min(1) @DefaultValue("50") int defaultPageSize,
        @Min(1) @Max(10_000) @DefaultValue("500") int maxPageSize,
        @NotNull @DefaultValue("5s") Duration consistencyTimeout,
        @Min(1) @DefaultValue("500") int cleanupChunkSize,
        @Min(0) @DefaultValue("20") int cleanupSampleSize,
        @NotNull @DefaultValue("30d") Duration tombstoneRetention,
        @NotBlank @DefaultValue("-") String cleanupSchedule,
        @Min(1) @DefaultValue("90") int cleanupOlderThanDays) {}
