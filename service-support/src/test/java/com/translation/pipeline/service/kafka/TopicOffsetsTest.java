package com.translation.pipeline.service.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.Proxy;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeTopicsResult;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.internals.KafkaFutureImpl;
import org.junit.jupiter.api.Test;

/**
 * Every call gives up as a whole within its one timeout, with {@link KafkaUnavailableException},
 * however many Admin requests it makes: with a real Admin client against an address where no broker
 * answers, and, to pin the budget that the requests share, with an Admin whose topic description
 * answers late and whose offsets never come.
 */
class TopicOffsetsTest {

    private static final Duration TIMEOUT = Duration.ofMillis(400);

    @Test
    void aCallToABrokerThatDoesNotAnswerGivesUpWithinItsOneTimeout() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Admin admin =
                Admin.create(
                        Map.of(
                                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                                "127.0.0.1:" + port,
                                AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG,
                                100));
        try {
            TopicOffsets offsets = new TopicOffsets(admin, TIMEOUT);
            for (Runnable call :
                    List.<Runnable>of(
                            () -> offsets.latest(List.of("a", "b", "c")),
                            () -> offsets.committed("group"))) {
                long started = System.nanoTime();

                assertThatThrownBy(call::run).isInstanceOf(KafkaUnavailableException.class);

                assertThat(Duration.ofNanos(System.nanoTime() - started))
                        .isLessThan(TIMEOUT.multipliedBy(3));
            }
        } finally {
            admin.close(Duration.ZERO); // the calls given up on are not waited for
        }
    }

    /**
     * The description takes 60 % of the timeout; the offsets request then gets only what is left,
     * not a timeout of its own (which made a call take up to twice its bound).
     */
    @Test
    void theRequestsOfOneCallShareItsTimeout() {
        Duration timeout = Duration.ofMillis(1_000);
        ScheduledExecutorService later = Executors.newSingleThreadScheduledExecutor();
        try {
            Admin admin = slowAdmin(later, timeout.multipliedBy(6).dividedBy(10));
            TopicOffsets offsets = new TopicOffsets(admin, timeout);
            long started = System.nanoTime();

            assertThatThrownBy(() -> offsets.latest(List.of("events")))
                    .isInstanceOf(KafkaUnavailableException.class);

            assertThat(Duration.ofNanos(System.nanoTime() - started))
                    .isGreaterThanOrEqualTo(timeout.minusMillis(50))
                    .isLessThan(timeout.multipliedBy(14).dividedBy(10));
        } finally {
            later.shutdownNow();
        }
    }

    /**
     * An Admin that describes any topic as one partition after {@code delay} and never answers a
     * request for offsets; every other call is unsupported.
     */
    private static Admin slowAdmin(ScheduledExecutorService later, Duration delay) {
        return (Admin)
                Proxy.newProxyInstance(
                        Admin.class.getClassLoader(),
                        new Class<?>[] {Admin.class},
                        (proxy, method, args) ->
                                switch (method.getName()) {
                                    case "describeTopics" -> {
                                        Map<String, KafkaFuture<TopicDescription>> described =
                                                new HashMap<>();
                                        for (Object topic : (Collection<?>) args[0]) {
                                            KafkaFutureImpl<TopicDescription> future =
                                                    new KafkaFutureImpl<>();
                                            Node node = new Node(0, "localhost", 9092);
                                            TopicDescription description =
                                                    new TopicDescription(
                                                            (String) topic,
                                                            false,
                                                            List.of(
                                                                    new TopicPartitionInfo(
                                                                            0,
                                                                            node,
                                                                            List.of(node),
                                                                            List.of(node))));
                                            later.schedule(
                                                    () -> future.complete(description),
                                                    delay.toMillis(),
                                                    TimeUnit.MILLISECONDS);
                                            described.put((String) topic, future);
                                        }
                                        yield new DescribeTopicsResult(null, described) {};
                                    }
                                    case "listOffsets" ->
                                            new ListOffsetsResult(
                                                    Map.of(
                                                            new TopicPartition("events", 0),
                                                            new KafkaFutureImpl<>()));
                                    default ->
                                            throw new UnsupportedOperationException(
                                                    method.getName());
                                });
    }
}
