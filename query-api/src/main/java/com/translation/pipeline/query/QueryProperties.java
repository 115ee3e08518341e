package com.translation.pipeline.query;

import com.translation.pipeline.schema.event.Topics;
import jakarta.validation.Valid;
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
 * @param cleanupSchedule a cron expression for the retention cleanup, {@code -} for none
 * @param cleanupOlderThanDays the scheduled cleanup's age, in days
 * @param replica a read replica for the reads ({@code query.replica.*}); none by default
 * @param spoolMemoryThreshold how much of one list page or restore is kept in memory before the
 *     rest goes to a temporary file, while it waits for its client ({@code ResponseSpool})
 * @param spoolDiskLimit how much the temporary files of all answers at once may take; an answer
 *     that would take more is refused with 503
 * @param maxConcurrentListReads how many list pages and restores read from the database at once
 *     ({@code ListReads}); below the pool's size, so that single reads and health checks always
 *     find a connection
 * @param listReadWait how long a list page or restore waits for its turn before it is refused with
 *     503
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
        @Min(1) @DefaultValue("90") int cleanupOlderThanDays,
        @Valid @NotNull @DefaultValue Replica replica,
        @NotNull @DefaultValue("128KB") DataSize spoolMemoryThreshold,
        @NotNull @DefaultValue("2GB") DataSize spoolDiskLimit,
        @Min(1) @DefaultValue("8") int maxConcurrentListReads,
        @NotNull @DefaultValue("2s") Duration listReadWait) {

    /**
     * A read replica of the primary database (docs/operations.md, "Read replicas"). Every GET of
     * the translation API but stats reads from it while it is usable; deletes, cleanup, recovery
     * and stats use the primary ({@code spring.datasource.*}).
     *
     * @param url the JDBC URL of one replica server (not a load balancer over several: a
     *     consistency token is checked and then read on the same server); empty: no replica, every
     *     read from the primary
     * @param username its user, which needs SELECT only; empty: the primary's
     * @param password its password; empty with an empty username: the primary's
     * @param maxLag the replica is read while it lags the primary by at most this long
     * @param checkInterval how often its lag is measured (its stored offsets against the
     *     primary's); a check that has not come back within three intervals counts it unavailable
     * @param connectionTimeout how long a read waits for a replica connection before it goes to the
     *     primary (at least 250 ms, HikariCP's least)
     * @param lockWaitTimeout how long a read on the replica waits for a table lock (the server's
     *     {@code lock_wait_timeout}, whole seconds, at least 1) before it is served by the primary:
     *     replication applying a schema change locks the table against reads for as long as it runs
     * @throws IllegalArgumentException when a value is outside those bounds or the URL is not a
     *     {@code jdbc:mysql:} one
     */
    public record Replica(
            @DefaultValue("") String url,
            @DefaultValue("") String username,
            @DefaultValue("") String password,
            @NotNull @DefaultValue("10s") Duration maxLag,
            @NotNull @DefaultValue("1s") Duration checkInterval,
            @NotNull @DefaultValue("1s") Duration connectionTimeout,
            @NotNull @DefaultValue("2s") Duration lockWaitTimeout) {

        public Replica {
            if (!url.isBlank() && !url.startsWith("jdbc:mysql:")) {
                throw new IllegalArgumentException(
                        "query.replica.url must be a jdbc:mysql: URL (MySQL Connector/J, for MySQL"
                                + " and MariaDB), or empty for no replica: "
                                + url);
            }
            requireAtLeast("max-lag", maxLag, Duration.ZERO);
            requireAtLeast("check-interval", checkInterval, Duration.ofMillis(10));
            requireAtLeast("connection-timeout", connectionTimeout, Duration.ofMillis(250));
            requireAtLeast("lock-wait-timeout", lockWaitTimeout, Duration.ofSeconds(1));
        }

        private static void requireAtLeast(String name, Duration value, Duration least) {
            if (value != null && value.compareTo(least) < 0) {
                throw new IllegalArgumentException(
                        "query.replica."
                                + name
                                + " must be at least "
                                + least.toMillis()
                                + " ms, not "
                                + value.toMillis()
                                + " ms");
            }
        }

        /** True when a replica URL is set. */
        public boolean configured() {
            return !url.isBlank();
        }
    }
}
