package com.translation.pipeline.worker;

import static com.translation.pipeline.schema.jooq.Tables.TRANSLATION_TASK;
import static org.assertj.core.api.Assertions.assertThat;

import com.translation.pipeline.schema.event.DeadLetterHeaders;
import com.translation.pipeline.schema.event.EventCodec;
import com.translation.pipeline.schema.event.EventEnvelope;
import com.translation.pipeline.schema.event.TaskData;
import com.translation.pipeline.schema.event.TaskStatus;
import com.translation.pipeline.testsupport.DatabaseServer;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * A server whose {@code max_allowed_packet} is far below a poll's worth of rows: the worker splits
 * its upserts to fit, and a row that cannot fit alone is dead-lettered instead of stalling every
 * partition. The test lowers the shared server's global limit for its own worker and restores it
 * afterwards; one subclass per server.
 */
@SpringBootTest(properties = {"spring.main.web-application-type=none"})
abstract class PacketLimitIT {

    static final long PACKET = 256 * 1024;
    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");

    abstract WorkerStack stack();

    /** Lowers the server's limit before the worker's pool connects; returns the old one. */
    static long lowerPacketLimit(DatabaseServer server) {
        try (Connection connection =
                        DriverManager.getConnection(
                                server.jdbcUrl(""), server.username(), server.password());
                Statement statement = connection.createStatement()) {
            var result = statement.executeQuery("SELECT @@GLOBAL.max_allowed_packet");
            result.next();
            long previous = result.getLong(1);
            statement.execute("SET GLOBAL max_allowed_packet = " + PACKET);
            return previous;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    static void restorePacketLimit(DatabaseServer server, long previous) {
        try (Connection connection =
                        DriverManager.getConnection(
                                server.jdbcUrl(""), server.username(), server.password());
                Statement statement = connection.createStatement()) {
            statement.execute("SET GLOBAL max_allowed_packet = " + previous);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @AfterAll
    void closeStack() {
        stack().close();
    }

    @Test
    void upsertsAreSplitToFitThePacketLimitAndARowTooLargeAloneIsDeadLettered() {
        WorkerStack stack = stack();
        for (int i = 0; i < 30; i++) {
            stack.send(
                    stack.tasksTopic, 0, "packet-s", task("packet-" + i, "x".repeat(20_000), null));
        }
        // Valid: 150,000 bytes of UTF-8 in each text; 300,000 together, over the packet.
        String text = "é".repeat(75_000);
        stack.send(stack.tasksTopic, 0, "packet-s", task("packet-huge", text, text));
        stack.send(stack.tasksTopic, 0, "packet-s", task("packet-after", "small", null));
        stack.awaitApplied(Duration.ofSeconds(60));

        assertThat(
                        stack.db()
                                .fetchCount(
                                        TRANSLATION_TASK,
                                        TRANSLATION_TASK.TASK_ID.like("packet-%")))
                .isEqualTo(31);
        assertThat(
                        stack.db()
                                .fetchCount(
                                        TRANSLATION_TASK,
                                        TRANSLATION_TASK.TASK_ID.eq("packet-huge")))
                .isZero();
        List<ConsumerRecord<String, byte[]>> dead = stack.deadLetters();
        assertThat(dead).hasSize(1);
        assertThat(new String(dead.get(0).value(), StandardCharsets.UTF_8)).contains("packet-huge");
        assertThat(header(dead.get(0), DeadLetterHeaders.REASON)).contains("max_allowed_packet");
        assertThat(header(dead.get(0), DeadLetterHeaders.SQL_STATE)).isEqualTo("22001");
    }

    private static byte[] task(String id, String source, String translated) {
        return EventCodec.encode(
                EventEnvelope.wrap(
                        new TaskData(
                                id,
                                "packet-s",
                                0,
                                TaskStatus.COMPLETED,
                                source,
                                translated,
                                null,
                                0,
                                null,
                                T0,
                                T0,
                                null),
                        Instant.now()));
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        var header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
