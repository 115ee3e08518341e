package com.translation.pipeline.worker;

import static com.translation.pipeline.schema.jooq.Tables.TRANSLATION_SESSION;
import static com.translation.pipeline.schema.jooq.Tables.TRANSLATION_TASK;
import static com.translation.pipeline.worker.WorkerEvents.session;
import static com.translation.pipeline.worker.WorkerEvents.task;
import static org.assertj.core.api.Assertions.assertThat;

import com.translation.pipeline.testsupport.RestartableDatabase;
import com.translation.pipeline.worker.consume.WriterLoops;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * The database is down for longer than the consumer's poll interval while events keep coming: the
 * worker waits it out, never dead-letters, never needs a restart, and applies everything once the
 * database is back. One subclass per database server, each with a server of its own.
 */
@SpringBootTest(properties = {"spring.main.web-application-type=none"})
abstract class DatabaseOutageIT {

    /** Shorter than the outage below, so the worker must stay in its group while waiting. */
    static final int MAX_POLL_INTERVAL_MS = 8000;

    @Autowired WriterLoops loops;

    abstract WorkerStack stack();

    abstract RestartableDatabase database();

    static void register(WorkerStack stack, DynamicPropertyRegistry registry) {
        stack.register(registry);
        registry.add(
                "spring.kafka.consumer.properties.max.poll.interval.ms",
                () -> MAX_POLL_INTERVAL_MS);
        registry.add("spring.datasource.hikari.connection-timeout", () -> "2000");
    }

    @AfterAll
    void stopDatabase() {
        stack().close();
        database().close();
    }

    @Test
    void outageLongerThanThePollIntervalIsWaitedOutWithNothingLostOrDeadLettered()
            throws Exception {
        WorkerStack stack = stack();
        for (int i = 0; i < 50; i++) {
            stack.send(stack.sessionsTopic, i % 4, "before-" + i, session("before-" + i, 1));
        }
        stack.awaitApplied(Duration.ofSeconds(60));

        database().stop();
        for (int i = 0; i < 100; i++) {
            stack.send(stack.sessionsTopic, i % 4, "during-" + i, session("during-" + i, 1));
        }
        Thread.sleep(MAX_POLL_INTERVAL_MS + 4000);
        assertThat(loops.isRunning()).isTrue();
        database().startAgain();

        stack.awaitApplied(Duration.ofSeconds(120));
        assertThat(
                        stack.db()
                                .fetchCount(
                                        TRANSLATION_SESSION,
                                        TRANSLATION_SESSION.SESSION_ID.like("before-%")))
                .isEqualTo(50);
        assertThat(
                        stack.db()
                                .fetchCount(
                                        TRANSLATION_SESSION,
                                        TRANSLATION_SESSION.SESSION_ID.like("during-%")))
                .isEqualTo(100);
        assertThat(stack.deadLetters()).isEmpty();
    }

    /**
     * A database outage during which the group rebalances twice (a member joins and leaves):
     * sampled throughout, Kafka's committed offset of every partition is never ahead of the offset
     * stored in the database, and everything is applied once the database is back.
     */
    @Test
    void duringAnOutageAndRebalancesKafkasCommittedOffsetsNeverPassTheDatabases() throws Exception {
        WorkerStack stack = stack();
        for (int i = 0; i < 40; i++) {
            stack.send(
                    stack.tasksTopic, i % 4, "fence-s-" + i, task("fence-" + i, "fence-s-" + i, 1));
        }
        stack.awaitApplied(Duration.ofSeconds(60));
        Map<TopicPartition, Long> storedBeforeOutage = stack.storedOffsets();
        List<String> violations = new CopyOnWriteArrayList<>();
        AtomicBoolean databaseUp = new AtomicBoolean(true);
        AtomicBoolean sampling = new AtomicBoolean(true);
        try (Admin admin = stack.admin()) {
            CompletableFuture<Void> sampler =
                    CompletableFuture.runAsync(
                            () -> {
                                while (sampling.get()) {
                                    sample(
                                            stack,
                                            admin,
                                            databaseUp,
                                            storedBeforeOutage,
                                            violations);
                                }
                            });

            databaseUp.set(false);
            database().stop();
            for (int i = 0; i < 100; i++) {
                stack.send(
                        stack.tasksTopic,
                        i % 4,
                        "fence-s-" + i,
                        task("fence-" + i, "fence-s-" + i, 2));
            }
            try (var member = stack.joinGroup()) {
                long until = System.nanoTime() + Duration.ofSeconds(6).toNanos();
                while (System.nanoTime() < until) {
                    member.poll(Duration.ofMillis(200));
                }
            }
            Thread.sleep(3000);
            // Before the restart: from now on a sample reads the database, or fails and is
            // skipped while it starts, rather than compare with offsets that may have moved.
            databaseUp.set(true);
            database().startAgain();

            stack.awaitApplied(Duration.ofSeconds(120));
            Thread.sleep(2000);
            sampling.set(false);
            sampler.join();
        }

        assertThat(violations).isEmpty();
        assertThat(
                        stack.db()
                                .fetchCount(
                                        TRANSLATION_TASK,
                                        TRANSLATION_TASK
                                                .TASK_ID
                                                .like("fence-%")
                                                .and(TRANSLATION_TASK.RETRY_COUNT.eq(2))))
                .isEqualTo(100);
        assertThat(loops.isRunning()).isTrue();
    }

    /**
     * Kafka first, then the database: the stored offsets only grow, so a committed offset read
     * before them can be compared with them. While the database is down its offsets are those
     * stored before the outage.
     */
    private static void sample(
            WorkerStack stack,
            Admin admin,
            AtomicBoolean databaseUp,
            Map<TopicPartition, Long> storedBeforeOutage,
            List<String> violations) {
        try {
            Map<TopicPartition, Long> committed = stack.committedInKafka(admin);
            Map<TopicPartition, Long> stored =
                    databaseUp.get() ? stack.storedOffsets() : storedBeforeOutage;
            committed.forEach(
                    (partition, offset) -> {
                        long inDatabase = stored.getOrDefault(partition, 0L);
                        if (offset > inDatabase) {
                            violations.add(
                                    partition + ": Kafka " + offset + " > database " + inDatabase);
                        }
                    });
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            // The database went down between the check and the read: no sample this time.
        }
    }
}
