package com.translation.pipeline.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.translation.pipeline.local.ServiceProcess;
import com.translation.pipeline.reliability.Battery.Counted;
import com.translation.pipeline.reliability.HttpSender.Answer;
import com.translation.pipeline.reliability.RecordRef.Kind;
import com.translation.pipeline.reliability.Workload.SendOrder;
import com.translation.pipeline.schema.event.Topics;
import com.translation.pipeline.testsupport.PipelineProcesses;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * The reliability battery (docs/reliability.md): each scenario drives acknowledged load through the
 * running pipeline while it injects a fault, then checks every row of the scenario with the {@link
 * SetChecker} and prints one line of figures. Scenarios 1, 2, 5, 6, 7, 11 and 13 run at a small
 * size in {@code ./mvnw verify}; {@code ./mvnw verify -Pbattery} runs all thirteen at full size,
 * and the cluster's scenarios 14 to 17 ({@link ClusterBatteryIT}).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ReliabilityBatteryIT {

    private static final Scale SCALE = Scale.current();

    private static PipelineProcesses pipeline;
    private static SetChecker checker;

    @BeforeAll
    static void startPipeline() throws Exception {
        pipeline = Battery.start("battery", 1, SCALE);
        checker = new SetChecker(pipeline);
    }

    @AfterAll
    static void stopPipeline() {
        if (pipeline != null) {
            pipeline.close();
        }
    }

    @Test
    @Order(1)
    void baselineTwoWorkersThreeProducers() throws Exception {
        Counted before = Counted.now(pipeline);
        Instant started = Instant.now();
        Traffic traffic = new Traffic(pipeline, 1, SCALE).start();
        traffic.finish();
        checker.awaitFlushed();
        Duration took = Duration.between(started, Instant.now());

        // Every record on the topics applied, ignored as stale or coalesced once (conclude).
        conclude(
                before.appliedOnce(
                        pipeline,
                        checker.check(1, traffic.prefix(), traffic.ledger())
                                .with("seconds", took.toSeconds())));
    }

    @Test
    @Order(2)
    void workerKilledMidBatchAndBetweenDatabaseAndKafkaCommits() throws Exception {
        // Long enough for the workers to start twice meanwhile (some 25 to 45 s each here).
        Duration duration =
                Duration.ofSeconds(Math.max(72, SCALE.duration().multipliedBy(2).toSeconds()));
        Traffic traffic =
                new Traffic(pipeline, 2, SCALE)
                        .start(SendOrder.ASCENDING, SendOrder.ASCENDING, duration);
        String hot = traffic.prefix() + "-s0";
        Probes.awaitSession(pipeline, hot);

        // Mid-batch: kill the workers while one waits, inside its transaction, for a row lock.
        try (AutoCloseable lock = Probes.lockSession(pipeline, hot)) {
            Probes.awaitLockWait(pipeline, traffic.part(0.5));
            pipeline.workers().forEach(ServiceProcess::kill);
        }
        pipeline.workers().forEach(ServiceProcess::startAgain);

        // Between the commits: the version the killed transaction held is not applied, so a
        // restarted worker will wait on the row again. Then freeze the broker, let the worker's
        // transaction commit, and kill the workers while their Kafka commit waits. The frozen
        // broker would still take the commit request already in its socket when it resumes, so
        // it is killed too: the Kafka commit never happens.
        long ahead;
        try (AutoCloseable lock = Probes.lockSession(pipeline, hot)) {
            Probes.awaitLockWait(pipeline, Duration.ofMinutes(3));
            Map<TopicPartition, Long> committed = Probes.committedInKafka(pipeline);
            PipelineProcesses.signal(pipeline.broker().pid(), "STOP");
            lock.close();
            Awaitility.await()
                    .atMost(Duration.ofSeconds(5))
                    .until(() -> Probes.partitionsAhead(pipeline, committed) > 0);
            ahead = Probes.partitionsAhead(pipeline, committed);
            pipeline.workers().forEach(ServiceProcess::kill);
        } finally {
            pipeline.broker().kill();
            pipeline.broker().start();
        }
        pipeline.workers().forEach(ServiceProcess::startAgain);
        pipeline.awaitWorkersHealthy();
        traffic.finish();

        Verdict verdict =
                checker.check(2, traffic.prefix(), traffic.ledger())
                        .with("worker_kills", 2 * pipeline.workers().size())
                        .with("broker_kills", 1)
                        .with("partitions_db_ahead_of_kafka_at_kill", ahead);
        conclude(verdict);
        assertThat(ahead)
                .as("a kill landed between the database commit and the Kafka commit")
                .isPositive();
    }

    @Test
    @Order(3)
    @EnabledIfSystemProperty(named = "battery", matches = "full")
    void brokerKilledAndRestartedUnderLoad() throws Exception {
        Traffic traffic = new Traffic(pipeline, 3, SCALE).start();
        Probes.sleep(traffic.part(0.3));
        pipeline.broker().kill();
        Probes.sleep(Duration.ofSeconds(5));
        pipeline.broker().start();
        traffic.finish();
        conclude(checker.check(3, traffic.prefix(), traffic.ledger()).with("broker_down_s", 5));
    }

    @Test
    @Order(4)
    @EnabledIfSystemProperty(named = "battery", matches = "full")
    void brokerDownForAMinute() throws Exception {
        Duration outage = Duration.ofSeconds(60);
        Ledger ledger = new Ledger();
        String prefix = "sc4-" + Long.toString(System.nanoTime(), 36);
        HttpSender sender =
                new HttpSender(pipeline.ingest().baseUrl(), PipelineProcesses.WRITE_KEY, ledger);
        Probes.ProcessSize before = Probes.size(pipeline.ingest().pid());

        pipeline.broker().kill();
        Instant end = Instant.now().plus(outage);
        // Eight clients at once, as busy backends would keep sending during the outage.
        ExecutorService clients = Executors.newFixedThreadPool(8);
        List<Future<List<Timed>>> posted = new ArrayList<>();
        for (int c = 0; c < 8; c++) {
            String client = prefix + "-c" + c;
            posted.add(clients.submit(() -> keepPosting(sender, client, end)));
        }
        List<Timed> answers = new ArrayList<>();
        for (Future<List<Timed>> future : posted) {
            answers.addAll(future.get());
        }
        clients.shutdown();
        Probes.ProcessSize during = Probes.size(pipeline.ingest().pid());
        long slowest = answers.stream().mapToLong(Timed::millis).max().orElseThrow();
        long unavailable = answers.stream().filter(t -> t.answer().status() == 503).count();
        long withRetryAfter =
                answers.stream()
                        .filter(t -> t.answer().status() == 503)
                        .filter(t -> t.answer().retryAfter() != null)
                        .count();
        pipeline.broker().start();
        Instant restarted = Instant.now();
        Answer answer = null;
        for (int n = 0;
                Duration.between(restarted, Instant.now()).toSeconds() < 120
                        && (answer == null || answer.status() != 202);
                n++) {
            Probes.sleep(Duration.ofMillis(500));
            answer = sender.post(Kind.SESSION, List.of(session(prefix + "-after-" + n)));
        }
        long recoverySeconds = Duration.between(restarted, Instant.now()).toSeconds();

        Verdict verdict =
                checker.check(4, prefix, ledger)
                        .with("outage_s", outage.toSeconds())
                        .with("answers_during_outage", answers.size())
                        .with("answered_503", unavailable)
                        .with("slowest_answer_ms", slowest)
                        .with("threads_before", before.threads())
                        .with("threads_during", during.threads())
                        .with("rss_mb_during", during.rssKilobytes() / 1024)
                        .with("recovered_in_s", recoverySeconds);
        conclude(verdict);
        assertThat(unavailable)
                .as("every answer during the outage is 503")
                .isEqualTo(answers.size());
        assertThat(withRetryAfter).as("every 503 says Retry-After").isEqualTo(unavailable);
        assertThat(slowest).as("503 within the publish bound (8 s) plus 2 s").isLessThan(10_000);
        assertThat(during.threads() - before.threads()).as("threads added").isLessThan(40);
        assertThat(answer.status()).as("ingest takes events again").isEqualTo(202);
    }

    @Test
    @Order(5)
    void databaseStoppedAndKilledLongerThanThePollInterval() throws Exception {
        Duration outage = Battery.MAX_POLL_INTERVAL.plusSeconds(5);
        Traffic traffic = new Traffic(pipeline, 5, SCALE).start();
        Probes.sleep(traffic.part(0.1));
        pipeline.database().shutdown();
        Probes.sleep(outage);
        pipeline.database().startAgain();
        Probes.sleep(traffic.part(0.2));
        pipeline.database().kill();
        Probes.sleep(outage);
        pipeline.database().startAgain();
        traffic.finish();
        conclude(
                checker.check(5, traffic.prefix(), traffic.ledger())
                        .with("outages", 2)
                        .with("outage_s", outage.toSeconds()));
    }

    @Test
    @Order(6)
    void resendsShuffledVersionsAndAReverseOrderProducer() throws Exception {
        Traffic traffic =
                new Traffic(pipeline, 6, SCALE)
                        .start(SendOrder.SHUFFLED_WITH_RESENDS, SendOrder.DESCENDING);
        traffic.finish();
        conclude(
                checker.check(6, traffic.prefix(), traffic.ledger())
                        .with("resend_ratio", Workload.RESEND_RATIO));
    }

    @Test
    @Order(7)
    void poisonFirstMiddleAndLast() throws Exception {
        Traffic traffic = new Traffic(pipeline, 7, SCALE);
        int poison = 0;
        for (int i = 0; i < 3; i++) {
            traffic.direct().poison(traffic.prefix() + "-poison-" + poison, poison++);
        }
        traffic.start();
        Probes.sleep(traffic.part(0.5));
        for (int i = 0; i < 3; i++) {
            traffic.direct().poison(traffic.prefix() + "-poison-" + poison, poison++);
        }
        traffic.awaitSent();
        // After the load: last in its batch, and alone in a poll of its own.
        for (int i = 0; i < 3; i++) {
            traffic.direct().poison(traffic.prefix() + "-poison-" + poison, poison++).get();
        }
        traffic.finish();
        Verdict verdict = checker.check(7, traffic.prefix(), traffic.ledger());
        conclude(verdict);
        assertThat(verdict.injected()).isEqualTo(poison);
    }

    @Test
    @Order(8)
    @EnabledIfSystemProperty(named = "battery", matches = "full")
    void deadLetterTopicUnwritableStallsOnThePoison() throws Exception {
        Probes.deleteTopic(pipeline, Topics.DEAD_LETTERS);
        Traffic traffic = new Traffic(pipeline, 8, SCALE);
        RecordMetadata poison = traffic.direct().poison(traffic.prefix() + "-poison-0", 0).get();
        traffic.start();
        traffic.finish();
        Probes.sleep(Duration.ofSeconds(10));
        long stored = Probes.storedOffset(pipeline, poison.topic(), poison.partition());
        Probes.createTopic(pipeline, Topics.DEAD_LETTERS);

        Verdict verdict =
                checker.check(8, traffic.prefix(), traffic.ledger())
                        .with("poison_offset", poison.offset())
                        .with("stored_offset_while_unwritable", stored);
        conclude(verdict);
        assertThat(stored)
                .as("the worker did not move past the poison while it could not dead-letter it")
                .isLessThanOrEqualTo(poison.offset());
    }

    @Test
    @Order(9)
    @EnabledIfSystemProperty(named = "battery", matches = "full")
    void fourWorkersTenHotKeysAndARebalanceEveryFewSeconds() throws Exception {
        pipeline.addWorker();
        pipeline.addWorker();
        pipeline.awaitWorkersHealthy();
        try {
            Traffic traffic = new Traffic(pipeline, 9, SCALE, 10, 2, 300).start();
            Instant end = Instant.now().plus(traffic.part(0.8));
            int restarts = 0;
            while (Instant.now().isBefore(end)) {
                Probes.sleep(Duration.ofSeconds(5));
                ServiceProcess worker = pipeline.workers().get(restarts % 4);
                worker.close();
                worker.startAgain();
                restarts++;
            }
            traffic.finish();
            pipeline.awaitWorkersHealthy();
            conclude(
                    checker.check(9, traffic.prefix(), traffic.ledger())
                            .with("workers", 4)
                            .with("restarts", restarts)
                            .with("deadlocks_logged", pipeline.logLines("Deadlock found")));
        } finally {
            pipeline.keepWorkers(2);
        }
    }

    @Test
    @Order(10)
    @EnabledIfSystemProperty(named = "battery", matches = "full")
    void databaseWriteSlowerThanThePollInterval() throws Exception {
        Counted before = Counted.now(pipeline);
        long fencedBefore = Probes.workerRecords(pipeline, Set.of("fenced"));
        Traffic traffic = new Traffic(pipeline, 10, SCALE).start();
        String hot = traffic.prefix() + "-s0";
        Probes.awaitSession(pipeline, hot);
        Duration held = Battery.MAX_POLL_INTERVAL.plusSeconds(5);
        try (AutoCloseable lock = Probes.lockSession(pipeline, hot)) {
            Probes.awaitLockWait(pipeline, Duration.ofMinutes(1));
            Probes.sleep(held);
        }
        traffic.finish();
        checker.awaitFlushed();
        long fenced = Probes.workerRecords(pipeline, Set.of("fenced")) - fencedBefore;

        // Records re-polled after the rebalance were not applied twice (conclude).
        conclude(
                before.appliedOnce(
                        pipeline,
                        checker.check(10, traffic.prefix(), traffic.ledger())
                                .with("lock_held_s", held.toSeconds())
                                .with("refused_as_fenced", fenced)));
        assertThat(fenced)
                .as("another worker re-polled the blocked records and was refused")
                .isPositive();
    }

    @Test
    @Order(11)
    void badInputIsRefusedAndNeverReachesKafka() throws Exception {
        String prefix = "sc11-" + Long.toString(System.nanoTime(), 36);
        List<BadInput.Case> cases = BadInput.cases(prefix);
        for (BadInput.Case bad : cases) {
            boolean ingest = "ingest".equals(bad.service());
            HttpResponse<String> response =
                    BadInput.send(
                            ingest ? pipeline.ingest().baseUrl() : pipeline.query().baseUrl(),
                            ingest ? PipelineProcesses.WRITE_KEY : PipelineProcesses.READ_KEY,
                            bad.path(),
                            bad.body());
            assertThat(response.statusCode()).as(bad.name()).isEqualTo(bad.status());
            assertThat(response.headers().firstValue("Content-Type"))
                    .as(bad.name())
                    .hasValueSatisfying(
                            type -> assertThat(type).startsWith("application/problem+json"));
            if (bad.field() != null) {
                assertThat(response.body()).as(bad.name()).contains(bad.field());
            }
        }
        // One valid item and one without a status: 207, and only the valid one is published.
        Ledger ledger = new Ledger();
        Version good = session(prefix + "-good");
        ledger.sending(good);
        String mixed =
                "{\"sessions\":["
                        + HttpSender.JSON.writeValueAsString(good.data())
                        + ",{\"session_id\":\""
                        + prefix
                        + "-bad-9\",\"created_at\":\"2026-01-01T00:00:00Z\","
                        + "\"updated_at\":\"2026-01-01T00:00:00Z\"}]}";
        HttpResponse<String> response =
                BadInput.send(
                        pipeline.ingest().baseUrl(),
                        PipelineProcesses.WRITE_KEY,
                        "/api/v1/translation/sessions/batch",
                        mixed.getBytes(StandardCharsets.UTF_8));
        assertThat(response.statusCode()).isEqualTo(207);
        assertThat(response.body()).contains("status");
        ledger.acknowledged(good);

        Verdict verdict = checker.check(11, prefix, ledger);
        long published = Probes.recordsWithKeyPrefix(pipeline, prefix + "-bad-");
        conclude(
                verdict.with("bad_requests", cases.size() + 1)
                        .with("bad_records_in_kafka", published));
        assertThat(published).as("records of refused input on the topics").isZero();
    }

    @Test
    @Order(12)
    @EnabledIfSystemProperty(named = "battery", matches = "full")
    void ingestKilledWithRequestsInFlight() throws Exception {
        Traffic traffic = new Traffic(pipeline, 12, SCALE).start();
        Probes.sleep(traffic.part(0.3));
        pipeline.ingest().kill();
        PipelineProcesses.restart(pipeline.ingest());
        traffic.finish();
        conclude(checker.check(12, traffic.prefix(), traffic.ledger()).with("ingest_kills", 1));
    }

    /**
     * Scenario 13: a retention cleanup while acknowledged updates of the sessions it deletes wait
     * in the workers' lag (the workers are down). Each re-opened session comes back with its
     * update; each session whose only pending event is a late copy of the version deleted stays
     * deleted.
     */
    @Test
    @Order(13)
    void retentionCleanupWithAcknowledgedUpdatesInTheWorkersLag() throws Exception {
        String prefix = "sc13-" + Long.toString(System.nanoTime(), 36);
        int sessions = 20;
        Instant old = Instant.now().minus(Duration.ofDays(40)).truncatedTo(ChronoUnit.SECONDS);
        Instant reopened = Instant.now().truncatedTo(ChronoUnit.MICROS);
        List<String> completed = new ArrayList<>();
        for (int i = 0; i < sessions; i++) {
            completed.add(retentionSession(prefix + "-" + i, "completed", old));
        }
        assertThat(postSessions(completed)).isEqualTo(202);
        checker.awaitFlushed();

        pipeline.workers().forEach(ServiceProcess::kill);
        List<String> pending = new ArrayList<>();
        for (int i = 0; i < sessions; i++) {
            pending.add(
                    i % 2 == 0
                            ? retentionSession(prefix + "-" + i, "running", reopened)
                            : retentionSession(prefix + "-" + i, "completed", old));
        }
        assertThat(postSessions(pending)).isEqualTo(202);
        HttpResponse<String> cleanup =
                BadInput.send(
                        pipeline.query().baseUrl(),
                        PipelineProcesses.ADMIN_KEY,
                        "/api/v1/translation/sessions/cleanup",
                        "{\"older_than_days\": 30, \"statuses\": [\"completed\"], \"dry_run\": false}"
                                .getBytes(StandardCharsets.UTF_8));
        assertThat(cleanup.statusCode()).as(cleanup.body()).isEqualTo(200);
        pipeline.workers().forEach(PipelineProcesses::restart);
        checker.awaitFlushed();

        int back = 0;
        int stayedDeleted = 0;
        for (int i = 0; i < sessions; i++) {
            HttpResponse<String> row =
                    BadInput.send(
                            pipeline.query().baseUrl(),
                            PipelineProcesses.READ_KEY,
                            "/api/v1/translation/sessions/" + prefix + "-" + i,
                            null);
            if (i % 2 == 0 && row.statusCode() == 200 && isVersion(row.body(), reopened)) {
                back++;
            } else if (i % 2 == 1 && row.statusCode() == 404) {
                stayedDeleted++;
            }
        }
        report(
                "scenario=13 sessions="
                        + sessions
                        + " updates_in_lag="
                        + sessions / 2
                        + " back="
                        + back
                        + " late_copies_stayed_deleted="
                        + stayedDeleted
                        + " lost="
                        + (sessions / 2 - back));
        assertThat(back).as("re-opened sessions back with their update").isEqualTo(sessions / 2);
        assertThat(stayedDeleted).as("late copies of a deleted version").isEqualTo(sessions / 2);
    }

    private static boolean isVersion(String session, Instant updatedAt) {
        var json = HttpSender.JSON.readTree(session);
        return "running".equals(json.path("status").asString())
                && updatedAt.equals(Instant.parse(json.path("updated_at").asString()));
    }

    private static String retentionSession(String id, String status, Instant updatedAt) {
        return "{\"session_id\":\""
                + id
                + "\",\"status\":\""
                + status
                + "\",\"created_at\":\""
                + updatedAt.minus(Duration.ofDays(1))
                + "\",\"updated_at\":\""
                + updatedAt
                + "\"}";
    }

    private static int postSessions(List<String> sessions) throws Exception {
        return BadInput.send(
                        pipeline.ingest().baseUrl(),
                        PipelineProcesses.WRITE_KEY,
                        "/api/v1/translation/sessions/batch",
                        ("{\"sessions\":[" + String.join(",", sessions) + "]}")
                                .getBytes(StandardCharsets.UTF_8))
                .statusCode();
    }

    private record Timed(long millis, Answer answer) {}

    /** Posts one session after another until {@code end}, timing each answer. */
    private static List<Timed> keepPosting(HttpSender sender, String client, Instant end) {
        List<Timed> answers = new ArrayList<>();
        for (int i = 0; Instant.now().isBefore(end); i++) {
            long startNanos = System.nanoTime();
            Answer answer = sender.post(Kind.SESSION, List.of(session(client + "-" + i)));
            answers.add(new Timed((System.nanoTime() - startNanos) / 1_000_000, answer));
        }
        return answers;
    }

    /** Version 1 of a session of its own. */
    private static Version session(String id) {
        return new Version(new RecordRef(Kind.SESSION, id, id), 1);
    }

    private static void conclude(Verdict verdict) throws Exception {
        Battery.conclude(verdict);
    }

    private static void report(String line) throws Exception {
        Battery.report(line);
    }
}
