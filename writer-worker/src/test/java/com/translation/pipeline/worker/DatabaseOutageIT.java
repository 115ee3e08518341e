package com.translation.pipeline.worker;

import static com.translation.pipeline.schema.jooq.Tables.TRANSLATION_SESSION;
import static com.translation.pipeline.worker.WorkerEvents.session;
import static org.assertj.core.api.Assertions.assertThat;

import com.translation.pipeline.testsupport.RestartableDatabase;
import com.translation.pipeline.worker.consume.WriterLoops;
import java.time.Duration;
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
}
