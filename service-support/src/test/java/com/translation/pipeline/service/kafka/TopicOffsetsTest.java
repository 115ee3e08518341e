package com.translation.pipeline.service.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.junit.jupiter.api.Test;

/**
 * A real Admin client against an address where no broker answers: every call gives up as a whole
 * within its one timeout, with {@link KafkaUnavailableException}, however many Admin requests it
 * would make (a topic description per topic, then the offsets).
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
}
