package com.translation.pipeline.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.translation.pipeline.testsupport.PipelineProcesses;
import com.translation.pipeline.testsupport.RestartableDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;

/**
 * What every battery class shares (docs/reliability.md): the workers' settings, the pipeline's
 * start with its header line, the results file, the verdict's checks, and the exactly-once count.
 */
final class Battery {

    /**
     * Shorter than the default so that scenarios stay short: an outage of 15 s already outlasts the
     * poll interval.
     */
    static final Duration MAX_POLL_INTERVAL = Duration.ofSeconds(10);

    /**
     * The workers' settings in the battery: a killed worker's partitions move after 10 s instead of
     * 45 s, and the retry backoff stops growing at 2 s.
     */
    static final Map<String, String> WORKER_SETTINGS =
            Map.of(
                    "SPRING_KAFKA_CONSUMER_PROPERTIES_MAX_POLL_INTERVAL_MS",
                    String.valueOf(MAX_POLL_INTERVAL.toMillis()),
                    "SPRING_KAFKA_CONSUMER_PROPERTIES_SESSION_TIMEOUT_MS",
                    "10000",
                    "WORKER_RETRY_MAX_INTERVAL",
                    "2s");

    /** The worker outcomes that count a record as handled once: applied, stale or coalesced. */
    static final Set<String> COUNTED_ONCE = Set.of("applied", "stale", "coalesced");

    private static final String TOPIC_RECORDS = "topic_records";
    private static final String COUNTED = "counted_once";

    private Battery() {}

    /**
     * Starts the pipeline on {@code brokers} Kafka nodes with two workers and reports the run's
     * header line, {@code name} first.
     */
    static PipelineProcesses start(String name, int brokers, Scale scale) throws Exception {
        return header(name, brokers, scale, PipelineProcesses.start(brokers, 2, WORKER_SETTINGS));
    }

    /** As {@link #start(String, int, Scale)}, on one broker and on {@code database}. */
    static PipelineProcesses start(String name, RestartableDatabase database, Scale scale)
            throws Exception {
        return header(name, 1, scale, PipelineProcesses.start(database, 1, 2, WORKER_SETTINGS));
    }

    private static PipelineProcesses header(
            String name, int brokers, Scale scale, PipelineProcesses pipeline) throws Exception {
        report(
                name
                        + "="
                        + scale.name()
                        + " brokers="
                        + brokers
                        + " database="
                        + pipeline.database().displayName()
                        + " started="
                        + Instant.now());
        return pipeline;
    }

    /**
     * Reports the verdict's line, then fails unless it holds, and, when it carries the counts of
     * {@link Counted#appliedOnce}, unless every record on the topics was handled exactly once.
     */
    static void conclude(Verdict verdict) throws Exception {
        report(verdict.line());
        verdict.assertHolds();
        if (verdict.figures().containsKey(COUNTED)) {
            assertThat(verdict.figures().get(COUNTED))
                    .as(
                            "records applied, ignored as stale or coalesced, against records on the"
                                    + " topics")
                    .isEqualTo(verdict.figures().get(TOPIC_RECORDS));
        }
    }

    /** Prints a line and keeps it in target/battery/results.txt for docs/reliability.md. */
    static void report(String line) throws Exception {
        System.out.println(line);
        Path results = Path.of(System.getProperty("battery.work", "target/battery"), "results.txt");
        Files.createDirectories(results.getParent());
        Files.writeString(
                results,
                line + System.lineSeparator(),
                StandardOpenOption.CREATE,
                StandardOpenOption.APPEND);
    }

    /** The workers' record counters and the topics' records before a scenario. */
    record Counted(long counted, long records) {

        static Counted now(PipelineProcesses pipeline) throws Exception {
            return new Counted(
                    Probes.workerRecords(pipeline, COUNTED_ONCE), Probes.eventRecords(pipeline));
        }

        /**
         * The verdict with the records the scenario put on the topics and those the workers counted
         * as applied, stale or coalesced since, which {@link #conclude} requires to be equal: each
         * record handled exactly once. Call it after the check, which waits for the flush.
         */
        Verdict appliedOnce(PipelineProcesses pipeline, Verdict verdict) throws Exception {
            Counted after = now(pipeline);
            return verdict.with(TOPIC_RECORDS, after.records - records)
                    .with(COUNTED, after.counted - counted);
        }
    }
}
