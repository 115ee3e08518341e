package com.translation.pipeline.reliability;

import static com.translation.pipeline.schema.jooq.Tables.TRANSLATION_SESSION;
import static com.translation.pipeline.schema.jooq.Tables.TRANSLATION_TASK;

import com.translation.pipeline.reliability.RecordRef.Kind;
import com.translation.pipeline.schema.event.DeadLetterHeaders;
import com.translation.pipeline.schema.event.Topics;
import com.translation.pipeline.testsupport.PipelineProcesses;
import com.translation.pipeline.testsupport.TopicReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import tools.jackson.databind.JsonNode;

/**
 * Jepsen's set check, adapted to upserts. After the flush barrier says the writers have applied
 * everything on the topics, it reads the scenario's records back from both topics and its rows from
 * the database, and counts LOST, STALE and PHANTOM rows and the dead letters.
 */
final class SetChecker {

    private static final Duration FLUSH_DEADLINE = Duration.ofMinutes(5);

    private final PipelineProcesses pipeline;
    private final HttpClient http = HttpClient.newHttpClient();

    SetChecker(PipelineProcesses pipeline) {
        this.pipeline = pipeline;
    }

    /** A row as stored: its version and whether its payload is that version's. */
    private record Stored(int version, boolean payloadMatches) {}

    Verdict check(int scenario, String prefix, Ledger ledger) throws Exception {
        awaitFlushed();
        Map<RecordRef, Integer> newestOnTopic = newestOnTopics(prefix);
        Map<RecordRef, Stored> rows = rows(prefix);

        long lost = 0;
        long stale = 0;
        long phantom = 0;
        Set<RecordRef> all = new HashSet<>(ledger.records());
        all.addAll(rows.keySet());
        for (RecordRef record : all) {
            Stored row = rows.get(record);
            int acknowledged = ledger.newestAcknowledged(record);
            Integer newest = newestOnTopic.get(record);
            if (acknowledged > 0 && (row == null || row.version() < acknowledged)) {
                lost++;
            }
            if (newest != null
                    && (row == null || row.version() != newest || !row.payloadMatches())) {
                stale++;
            }
            if (row != null && (newest == null || !ledger.wasSent(record, row.version()))) {
                phantom++;
            }
        }
        DeadLetterCount deadLetters = deadLetters(prefix);
        long poisonStored =
                rows.keySet().stream().filter(r -> r.sessionId().contains("-poison-")).count();
        return new Verdict(
                scenario,
                ledger.acknowledged(),
                ledger.rejected(),
                ledger.indeterminate(),
                rows.size(),
                lost,
                stale,
                phantom,
                deadLetters.poison(),
                ledger.poisonAcknowledged().size(),
                ledger.poisonIndeterminate(),
                deadLetters.duplicates(),
                deadLetters.valid(),
                poisonStored,
                new LinkedHashMap<>());
    }

    /** Calls the flush barrier until it answers 200: every published event is applied. */
    void awaitFlushed() throws Exception {
        Instant deadline = Instant.now().plus(FLUSH_DEADLINE);
        String last = "";
        while (Instant.now().isBefore(deadline)) {
            HttpRequest flush =
                    HttpRequest.newBuilder(
                                    URI.create(
                                            pipeline.ingest().baseUrl()
                                                    + "/api/v1/translation/flush"))
                            .timeout(Duration.ofSeconds(70))
                            .header("Content-Type", "application/json")
                            .header("X-API-Key", PipelineProcesses.WRITE_KEY)
                            .POST(HttpRequest.BodyPublishers.ofString("{\"timeout_ms\":60000}"))
                            .build();
            try {
                HttpResponse<String> response =
                        http.send(flush, HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200) {
                    return;
                }
                last = response.statusCode() + " " + response.body();
            } catch (java.io.IOException e) {
                last = e.toString();
            }
            Thread.sleep(1000);
        }
        throw new AssertionError("the writers did not catch up in " + FLUSH_DEADLINE + ": " + last);
    }

    private Map<RecordRef, Integer> newestOnTopics(String prefix) {
        Map<RecordRef, Integer> newest = new HashMap<>();
        for (String topic : new String[] {Topics.SESSIONS, Topics.TASKS}) {
            for (ConsumerRecord<String, byte[]> record :
                    TopicReader.readAll(pipeline.bootstrapServers(), topic)) {
                if (!ofScenario(record.key(), prefix) || record.key().contains("-poison-")) {
                    continue;
                }
                JsonNode data = HttpSender.JSON.readTree(record.value()).get("data");
                RecordRef ref =
                        Topics.SESSIONS.equals(topic)
                                ? new RecordRef(
                                        Kind.SESSION,
                                        data.get("session_id").asString(),
                                        data.get("session_id").asString())
                                : new RecordRef(
                                        Kind.TASK,
                                        data.get("task_id").asString(),
                                        data.get("session_id").asString());
                int version = Version.numberOf(Instant.parse(data.get("updated_at").asString()));
                newest.merge(ref, version, Math::max);
            }
        }
        return newest;
    }

    private Map<RecordRef, Stored> rows(String prefix) {
        DSLContext db = DSL.using(pipeline.dataSource(), SQLDialect.MYSQL);
        Map<RecordRef, Stored> rows = new HashMap<>();
        db.selectFrom(TRANSLATION_SESSION)
                .where(TRANSLATION_SESSION.SESSION_ID.startsWith(prefix + "-"))
                .forEach(
                        row -> {
                            int version = versionOf(row.getUpdatedAt());
                            rows.put(
                                    new RecordRef(
                                            Kind.SESSION, row.getSessionId(), row.getSessionId()),
                                    new Stored(
                                            version,
                                            Version.text(version).equals(row.getTitle())
                                                    && Integer.valueOf(version)
                                                            .equals(row.getTotalTasks())));
                        });
        db.selectFrom(TRANSLATION_TASK)
                .where(TRANSLATION_TASK.SESSION_ID.startsWith(prefix + "-"))
                .forEach(
                        row -> {
                            int version = versionOf(row.getUpdatedAt());
                            rows.put(
                                    new RecordRef(Kind.TASK, row.getTaskId(), row.getSessionId()),
                                    new Stored(
                                            version,
                                            Version.text(version).equals(row.getTranslatedText())
                                                    && Integer.valueOf(version)
                                                            .equals(row.getRetryCount())));
                        });
        return rows;
    }

    private static int versionOf(LocalDateTime updatedAt) {
        return Version.numberOf(updatedAt.toInstant(ZoneOffset.UTC));
    }

    private record DeadLetterCount(long poison, long duplicates, long valid) {}

    private DeadLetterCount deadLetters(String prefix) {
        Set<String> sources = new HashSet<>();
        long poison = 0;
        long valid = 0;
        for (ConsumerRecord<String, byte[]> record :
                TopicReader.readAll(pipeline.bootstrapServers(), Topics.DEAD_LETTERS)) {
            if (!ofScenario(record.key(), prefix)) {
                continue;
            }
            if (!record.key().contains("-poison-")) {
                valid++;
            } else {
                poison++;
                sources.add(
                        header(record, DeadLetterHeaders.ORIGINAL_TOPIC)
                                + header(record, DeadLetterHeaders.ORIGINAL_PARTITION)
                                + header(record, DeadLetterHeaders.ORIGINAL_OFFSET));
            }
        }
        return new DeadLetterCount(sources.size(), poison - sources.size(), valid);
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? "-" : Arrays.toString(header.value());
    }

    private static boolean ofScenario(String key, String prefix) {
        return key != null && key.startsWith(prefix + "-");
    }
}
