package com.translation.pipeline.worker;

import static com.translation.pipeline.schema.jooq.Tables.CONSUMER_OFFSET;
import static com.translation.pipeline.schema.jooq.Tables.TRANSLATION_SESSION;
import static com.translation.pipeline.worker.WorkerEvents.session;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Three workers in one group share the partitions; one of them stops mid-stream. Every event has
 * its own key, so nothing coalesces and nothing is stale: the rows applied by all workers together
 * must be exactly the events sent, no fewer (lost) and no more (applied twice).
 */
@SpringBootTest(properties = {"spring.main.web-application-type=none"})
abstract class ScaleOutIT {

    static final int EVENTS = 3000;

    @Autowired MeterRegistry meters;

    private final List<ConfigurableApplicationContext> others = new ArrayList<>();

    abstract WorkerStack stack();

    @AfterAll
    void stopWorkers() {
        others.forEach(ConfigurableApplicationContext::close);
        stack().close();
    }

    @Test
    void workersShareThePartitionsAndAStoppedOneLosesAndDuplicatesNothing() {
        WorkerStack stack = stack();
        CompletableFuture<Void> sending =
                CompletableFuture.runAsync(
                        () -> {
                            for (int i = 0; i < EVENTS; i++) {
                                stack.send(
                                        stack.sessionsTopic,
                                        i % WorkerStack.PARTITIONS,
                                        "scale-" + i,
                                        session("scale-" + i, 1));
                            }
                        });
        MeterRegistry second = startWorker().getBean(MeterRegistry.class);
        ConfigurableApplicationContext thirdWorker = startWorker();
        MeterRegistry third = thirdWorker.getBean(MeterRegistry.class);
        await().atMost(Duration.ofSeconds(60))
                .until(() -> applied(meters) + applied(second) + applied(third) >= EVENTS / 3);

        thirdWorker.close();
        sending.join();
        stack.awaitApplied(Duration.ofSeconds(120));

        double total = applied(meters) + applied(second) + applied(third);
        assertThat(
                        stack.db()
                                .fetchCount(
                                        TRANSLATION_SESSION,
                                        TRANSLATION_SESSION.SESSION_ID.like("scale-%")))
                .isEqualTo(EVENTS);
        assertThat(total).isEqualTo(EVENTS);
        Map<Integer, Long> stored =
                stack.db()
                        .select(CONSUMER_OFFSET.KAFKA_PARTITION, CONSUMER_OFFSET.NEXT_OFFSET)
                        .from(CONSUMER_OFFSET)
                        .where(CONSUMER_OFFSET.CONSUMER_GROUP.eq(stack.group))
                        .and(CONSUMER_OFFSET.TOPIC.eq(stack.sessionsTopic))
                        .fetchMap(CONSUMER_OFFSET.KAFKA_PARTITION, CONSUMER_OFFSET.NEXT_OFFSET);
        assertThat(stored).isEqualTo(stack.endOffsets(stack.sessionsTopic));
        assertThat(applied(meters)).as("the test's own worker took part").isPositive();
        assertThat(applied(second) + applied(third)).as("the added workers took part").isPositive();
    }

    private ConfigurableApplicationContext startWorker() {
        // As command-line arguments: they win over application.yml, as the test's own settings do.
        String[] arguments =
                stack().properties().entrySet().stream()
                        .map(setting -> "--" + setting.getKey() + "=" + setting.getValue())
                        .toArray(String[]::new);
        ConfigurableApplicationContext context =
                new SpringApplicationBuilder(WriterWorkerApplication.class)
                        .properties("spring.main.web-application-type=none")
                        .run(arguments);
        others.add(context);
        return context;
    }

    private static double applied(MeterRegistry registry) {
        Counter counter =
                registry.find("pipeline.worker.records").tag("outcome", "applied").counter();
        return counter == null ? 0 : counter.count();
    }
}
