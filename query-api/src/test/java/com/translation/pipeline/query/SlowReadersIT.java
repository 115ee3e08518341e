package com.translation.pipeline.query;

import static com.translation.pipeline.schema.jooq.Tables.TRANSLATION_SESSION;
import static com.translation.pipeline.schema.jooq.Tables.TRANSLATION_TASK;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.translation.pipeline.query.web.ResponseSpool;
import com.translation.pipeline.schema.jooq.tables.records.TranslationSessionRecord;
import com.translation.pipeline.schema.jooq.tables.records.TranslationTaskRecord;
import com.translation.pipeline.testsupport.ServiceHttp;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.jooq.DSLContext;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import tools.jackson.databind.JsonNode;

/**
 * Clients that read their answers slowly, or not at all, hold no database connection: a page is
 * written to the {@link ResponseSpool} and its connection given back before the client reads a
 * byte. With a pool of three connections, four clients that ask for a 12 MB page and read nothing
 * held all three (a single read then waited for a connection until Tomcat's write timeout ended one
 * of them, 10 s; /health's db check answered DOWN). Now a single read and /health answer at once,
 * the stalled answers are sent whole when read, with their length, and their files are gone once
 * the clients are.
 */
@SpringBootTest(
        webEnvironment = WebEnvironment.RANDOM_PORT,
        properties = {
            "spring.datasource.hikari.maximum-pool-size=3",
            "query.max-concurrent-list-reads=2",
            "spring.datasource.hikari.connection-timeout=15000"
        })
class SlowReadersIT extends RunningQueryApi {

    private static final String SESSION = "slow-readers";
    private static final int TASKS = 30;
    private static final String TEXT = "a".repeat(400 * 1024);

    @Autowired ResponseSpool spool;

    @Test
    void clientsThatDoNotReadTheirLargePagesHoldNoConnection() throws Exception {
        storeALargeSession(db, SESSION, TASKS);
        String page = "/api/v1/translation/sessions/" + SESSION + "/tasks?page_size=" + TASKS;
        List<Socket> stalled = new ArrayList<>();
        try {
            for (int client = 0; client < 4; client++) {
                stalled.add(askAndReadNothing(page));
            }
            // Their answers are written (to the spool now; to their sockets before, until full).
            Thread.sleep(1500);

            long started = System.nanoTime();
            HttpResponse<String> single =
                    ServiceHttp.get(port, "/api/v1/translation/sessions/" + SESSION);
            long singleMs = (System.nanoTime() - started) / 1_000_000;
            HttpResponse<String> health = ServiceHttp.get(port, "/health");

            assertThat(single.statusCode()).isEqualTo(200);
            assertThat(singleMs).as("a single read while four clients stall").isLessThan(2000);
            assertThat(health.statusCode()).as(health.body()).isEqualTo(200);
            // Each page but its first 128 KB (kept in memory) waits in a file.
            assertThat(spool.bytesOnDisk())
                    .isGreaterThan(4L * ((long) TASKS * TEXT.length() - 128 * 1024));

            // A stalled answer, read at last, is the whole page with its length.
            JsonNode answer = readAnswer(stalled.get(0));
            assertThat(answer.path("items")).hasSize(TASKS);
            assertThat(answer.path("items").get(TASKS - 1).path("source_text").asString())
                    .isEqualTo(TEXT);
            assertThat(answer.path("total").asLong()).isEqualTo(TASKS);
        } finally {
            for (Socket socket : stalled) {
                socket.close();
            }
        }
        // Abandoned answers give back their files once the server sees their clients gone.
        await().atMost(Duration.ofSeconds(30)).until(() -> spool.bytesOnDisk() == 0);
    }

    /** A session and {@code tasks} tasks of 400 KB of text each, written straight to the tables. */
    static void storeALargeSession(DSLContext db, String sessionId, int tasks) {
        LocalDateTime at = LocalDateTime.of(2026, 3, 1, 10, 0);
        TranslationSessionRecord session =
                new TranslationSessionRecord()
                        .setSessionId(sessionId)
                        .setStatus("running")
                        .setCreatedAt(at)
                        .setUpdatedAt(at)
                        .setEventId(UUID.randomUUID().toString())
                        .setAppliedAt(at);
        db.insertInto(TRANSLATION_SESSION).set(session).execute();
        for (int i = 0; i < tasks; i++) {
            TranslationTaskRecord task =
                    new TranslationTaskRecord()
                            .setTaskId(sessionId + "-t" + i)
                            .setSessionId(sessionId)
                            .setSequence(i)
                            .setStatus("completed")
                            .setSourceText(TEXT)
                            .setCreatedAt(at)
                            .setUpdatedAt(at)
                            .setEventId(UUID.randomUUID().toString())
                            .setAppliedAt(at);
            db.insertInto(TRANSLATION_TASK).set(task).execute();
        }
    }

    /** Sends a GET with a small receive window and reads nothing of its answer. */
    private Socket askAndReadNothing(String target) throws Exception {
        Socket socket = new Socket();
        socket.setReceiveBufferSize(4096);
        socket.connect(new java.net.InetSocketAddress("127.0.0.1", port));
        OutputStream out = socket.getOutputStream();
        out.write(
                ("GET "
                                + target
                                + " HTTP/1.1\r\nHost: localhost\r\n"
                                + ServiceHttp.API_KEY_HEADER
                                + ": "
                                + ServiceHttp.READ_KEY
                                + "\r\nConnection: close\r\n\r\n")
                        .getBytes(StandardCharsets.US_ASCII));
        out.flush();
        return socket;
    }

    /** Reads a whole HTTP/1.1 answer sent with Content-Length and Connection: close. */
    private static JsonNode readAnswer(Socket socket) throws Exception {
        socket.setSoTimeout(30_000);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (InputStream in = socket.getInputStream()) {
            in.transferTo(bytes);
        }
        String text = bytes.toString(StandardCharsets.UTF_8);
        int bodyStart = text.indexOf("\r\n\r\n") + 4;
        String head = text.substring(0, bodyStart).toLowerCase(java.util.Locale.ROOT);
        assertThat(head).startsWith("http/1.1 200");
        String body = text.substring(bodyStart);
        assertThat(head)
                .contains("content-length: " + body.getBytes(StandardCharsets.UTF_8).length);
        return JSON.readTree(body);
    }
}
