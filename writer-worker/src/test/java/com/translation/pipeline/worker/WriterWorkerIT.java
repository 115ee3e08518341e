package com.translation.pipeline.worker;

import static com.translation.pipeline.schema.jooq.Tables.CONSUMER_OFFSET;
import static com.translation.pipeline.schema.jooq.Tables.TRANSLATION_SESSION;
import static com.translation.pipeline.schema.jooq.Tables.TRANSLATION_TASK;
import static com.translation.pipeline.worker.WorkerEvents.session;
import static com.translation.pipeline.worker.WorkerEvents.task;
import static com.translation.pipeline.worker.WorkerEvents.utf8;
import static com.translation.pipeline.worker.WorkerEvents.version;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.translation.pipeline.schema.db.SessionDeletion;
import com.translation.pipeline.schema.event.DeadLetterHeaders;
import com.translation.pipeline.testsupport.AccessAssertions;
import com.translation.pipeline.testsupport.ServiceAssertions;
import com.translation.pipeline.testsupport.ServiceHttp;
import com.translation.pipeline.worker.apply.BatchApplier;
import com.translation.pipeline.worker.apply.PartitionBatch;
import com.translation.pipeline.worker.consume.WriterLoops;
import com.translation.pipeline.worker.offset.OffsetStore;
import com.translation.pipeline.worker.offset.PartitionFencedException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.OptionalLong;
import java.util.Random;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * writer-worker against a real broker and a real database; one subclass per database server. Each
 * scenario uses its own partitions of the class's topics: 0 and 1 for keyed events, 2 for poison
 * records, 3 for the restart.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
abstract class WriterWorkerIT {

    static final Duration APPLY_TIMEOUT = Duration.ofSeconds(60);
    static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired MeterRegistry meters;
    @Autowired WriterLoops loops;
    @Autowired BatchApplier applier;
    @LocalServerPort int port;

    abstract WorkerStack stack();

    @AfterAll
    void closeStack() {
        stack().close();
    }

    @Test
    void newestVersionOfEveryKeyWinsWhateverTheOrderAndEveryEventIsCountedOnce() {
        WorkerStack stack = stack();
        int keys = 40;
        for (int n = 0; n < keys; n++) {
            sendSession(n, 5);
            sendTask(n, 5);
            sendSession(n, 5);
        }
        stack.awaitApplied(APPLY_TIMEOUT);
        double countedBefore = count("applied") + count("stale") + count("coalesced");

        List<int[]> late = new ArrayList<>();
        for (int n = 0; n < keys; n++) {
            for (int v = 1; v <= 5; v++) {
                late.add(new int[] {n, v, 0});
                late.add(new int[] {n, v, 1});
            }
        }
        Collections.shuffle(late, new Random(42));
        for (int[] event : late) {
            if (event[2] == 0) {
                sendSession(event[0], event[1]);
            } else {
                sendTask(event[0], event[1]);
            }
        }
        stack.awaitApplied(APPLY_TIMEOUT);

        var sessions =
                stack.db()
                        .selectFrom(TRANSLATION_SESSION)
                        .where(TRANSLATION_SESSION.SESSION_ID.like("order-s-%"))
                        .fetch();
        var tasks =
                stack.db()
                        .selectFrom(TRANSLATION_TASK)
                        .where(TRANSLATION_TASK.TASK_ID.like("order-t-%"))
                        .fetch();
        assertThat(sessions).hasSize(keys);
        assertThat(tasks).hasSize(keys);
        assertThat(sessions)
                .allSatisfy(
                        row -> {
                            assertThat(row.getUpdatedAt()).isEqualTo(utc(version(5)));
                            assertThat(row.getTitle()).isEqualTo("title v5");
                            assertThat(row.getCompletedTasks()).isEqualTo(5);
                        });
        assertThat(tasks)
                .allSatisfy(
                        row -> {
                            assertThat(row.getUpdatedAt()).isEqualTo(utc(version(5)));
                            assertThat(row.getTranslatedText()).isEqualTo("text v5");
                        });
        // Older than the stored row, an event goes through the guarded upsert, which keeps the row
        // (no read of the stored versions first); older than another of its poll, it is stale.
        assertThat(count("applied") + count("stale") + count("coalesced") - countedBefore)
                .isEqualTo(late.size());
        assertThat(stack.deadLetters())
                .noneMatch(r -> r.key() != null && r.key().startsWith("order-"));
    }

    @Test
    void poisonRecordsFirstMiddleAndLastAreDeadLetteredWithHeadersAndTheRestApplied() {
        WorkerStack stack = stack();
        String topic = stack.sessionsTopic;
        String invalidStatus =
                new String(session("poison-status", 1), StandardCharsets.UTF_8)
                        .replace("\"running\"", "\"done\"");
        String longTitle =
                new String(session("poison-title", 1), StandardCharsets.UTF_8)
                        .replace("\"title v1\"", "\"" + "t".repeat(600) + "\"");
        String unknownType =
                new String(session("poison-type", 1), StandardCharsets.UTF_8)
                        .replace("session.upserted", "session.deleted");
        // A count beyond 64 bits once made the schema library fail, which stopped the worker.
        String hugeCount =
                new String(session("poison-count", 1), StandardCharsets.UTF_8)
                        .replace("\"total_tasks\":10", "\"total_tasks\":1e400");

        stack.send(topic, 2, "p", utf8("{not json"));
        stack.send(topic, 2, "good-1", session("good-1", 1));
        stack.send(topic, 2, "poison-status", utf8(invalidStatus));
        stack.send(topic, 2, "good-2", session("good-2", 1));
        stack.send(topic, 2, "p", null);
        stack.send(topic, 2, "poison-title", utf8(longTitle));
        stack.send(topic, 2, "good-3", session("good-3", 1));
        stack.send(topic, 2, "poison-type", utf8(unknownType));
        stack.send(topic, 2, "poison-count", utf8(hugeCount));
        stack.send(topic, 2, "good-4", session("good-4", 1));
        // C0 AF is an overlong '/': not UTF-8, though a lenient decoder reads it.
        stack.send(topic, 2, "poison-utf8", overlong(session("poison-utf8", 1)));
        stack.awaitApplied(APPLY_TIMEOUT);

        List<ConsumerRecord<String, byte[]>> dead =
                stack.deadLetters().stream()
                        .filter(r -> topic.equals(header(r, DeadLetterHeaders.ORIGINAL_TOPIC)))
                        .toList();
        assertThat(dead)
                .extracting(r -> offsetHeader(r))
                .containsExactlyInAnyOrder(0L, 2L, 4L, 5L, 7L, 8L, 10L);
        assertThat(dead).allSatisfy(r -> assertThat(partitionHeader(r)).isEqualTo(2));
        assertThat(dead)
                .allSatisfy(
                        r ->
                                assertThat(
                                                Instant.parse(
                                                        header(
                                                                r,
                                                                DeadLetterHeaders
                                                                        .DEAD_LETTERED_AT)))
                                        .isBefore(Instant.now()));
        assertThat(reasonAt(dead, 0)).contains("not valid JSON");
        assertThat(reasonAt(dead, 2)).contains("data.status");
        assertThat(reasonAt(dead, 4)).contains("no value");
        assertThat(reasonAt(dead, 5)).contains("data.title");
        assertThat(reasonAt(dead, 7)).contains("type");
        assertThat(reasonAt(dead, 8)).contains("data.total_tasks");
        assertThat(reasonAt(dead, 10)).contains("not UTF-8");
        assertThat(
                        stack.db()
                                .fetchCount(
                                        TRANSLATION_SESSION,
                                        TRANSLATION_SESSION.SESSION_ID.in(
                                                "good-1", "good-2", "good-3", "good-4")))
                .isEqualTo(4);
        assertThat(
                        stack.db()
                                .fetchCount(
                                        TRANSLATION_SESSION,
                                        TRANSLATION_SESSION.SESSION_ID.like("poison-%")))
                .isZero();
    }

    @Test
    void deletedSessionAndItsTasksDoNotComeBackFromEventsOlderThanTheDelete() {
        WorkerStack stack = stack();
        stack.send(stack.sessionsTopic, 0, "del-1", session("del-1", 1));
        stack.send(stack.tasksTopic, 0, "del-1", task("del-1-t", "del-1", 1));
        stack.awaitApplied(APPLY_TIMEOUT);
        deleteSessionAt("del-1", utc(version(3)));

        stack.send(stack.sessionsTopic, 0, "del-1", session("del-1", 2));
        stack.send(stack.sessionsTopic, 0, "del-1", session("del-1", 3));
        stack.send(stack.tasksTopic, 0, "del-1", task("del-1-t", "del-1", 2));
        stack.awaitApplied(APPLY_TIMEOUT);

        assertThat(
                        stack.db()
                                .fetchCount(
                                        TRANSLATION_SESSION,
                                        TRANSLATION_SESSION.SESSION_ID.eq("del-1")))
                .isZero();
        assertThat(stack.db().fetchCount(TRANSLATION_TASK, TRANSLATION_TASK.TASK_ID.eq("del-1-t")))
                .isZero();
        assertThat(count("deleted")).isGreaterThanOrEqualTo(3);

        stack.send(stack.sessionsTopic, 0, "del-1", session("del-1", 4));
        stack.awaitApplied(APPLY_TIMEOUT);

        assertThat(storedVersion("del-1")).isEqualTo(utc(version(4)));
    }

    /**
     * docs/event-contract.md: a direct producer's record keyed otherwise than by its session is
     * applied, not dead-lettered; and the version guard keeps the newest version even when two keys
     * put a session's events on two partitions, the newer one first.
     */
    @Test
    void aRecordKeyedOtherwiseThanByItsSessionIsAppliedAndTheNewestVersionKept() {
        WorkerStack stack = stack();
        String topic = stack.sessionsTopic;
        stack.send(topic, 0, "routing-mistake-a", session("keyed-otherwise", 3));
        stack.awaitApplied(APPLY_TIMEOUT);
        stack.send(topic, 1, "routing-mistake-b", session("keyed-otherwise", 2));
        stack.awaitApplied(APPLY_TIMEOUT);

        assertThat(storedVersion("keyed-otherwise")).isEqualTo(utc(version(3)));
    }

    /**
     * A worker that stored rows and offsets but died before committing to Kafka: on the next
     * assignment the consumer starts from the database's offsets, so those records are not applied
     * again.
     */
    @Test
    void onAssignmentConsumptionStartsFromTheOffsetsStoredInTheDatabase() {
        WorkerStack stack = stack();
        String topic = stack.sessionsTopic;
        loops.stop();
        for (int i = 0; i < 3; i++) {
            stack.send(topic, 3, "already-" + i, session("already-" + i, 1));
        }
        long end = stack.endOffsets(topic).get(3);
        stack.db()
                .insertInto(CONSUMER_OFFSET)
                .set(CONSUMER_OFFSET.CONSUMER_GROUP, stack.group)
                .set(CONSUMER_OFFSET.TOPIC, topic)
                .set(CONSUMER_OFFSET.KAFKA_PARTITION, 3)
                .set(CONSUMER_OFFSET.NEXT_OFFSET, end)
                .set(CONSUMER_OFFSET.UPDATED_AT, LocalDateTime.now(ZoneOffset.UTC))
                .onDuplicateKeyUpdate()
                .set(CONSUMER_OFFSET.NEXT_OFFSET, end)
                .execute();

        loops.start();
        // Kafka's copy catches up with the database's without waiting for new records, or lag
        // and the flush barrier would count the skipped records as pending for ever.
        await().atMost(APPLY_TIMEOUT).until(() -> stack.committedInKafka(topic, 3) == end);
        stack.send(topic, 3, "after-restart", session("after-restart", 1));
        stack.awaitApplied(APPLY_TIMEOUT);

        assertThat(
                        stack.db()
                                .fetchCount(
                                        TRANSLATION_SESSION,
                                        TRANSLATION_SESSION.SESSION_ID.eq("after-restart")))
                .isEqualTo(1);
        assertThat(
                        stack.db()
                                .fetchCount(
                                        TRANSLATION_SESSION,
                                        TRANSLATION_SESSION.SESSION_ID.like("already-%")))
                .isZero();
    }

    @Test
    void deadLettersAreListedWithReasonsAndOnlyTheNowValidOnesAreReplayedDryRunFirst() {
        WorkerStack stack = stack();
        String valid = new String(task("replayed-t", "replayed-s", 1), StandardCharsets.UTF_8);
        sendDeadLetter(stack, "replayed-s", valid, "an older contract refused it");
        sendDeadLetter(stack, "still-bad", "{broken", "not valid JSON");
        long tasksBefore =
                stack.endOffsets(stack.tasksTopic).values().stream()
                        .mapToLong(Long::longValue)
                        .sum();

        JsonNode listed =
                JSON.readTree(ServiceHttp.get(port, "/api/v1/dead-letters?limit=1000").body());
        JsonNode dry =
                JSON.readTree(
                        ServiceHttp.postJson(port, "/api/v1/dead-letters/replay", "{}").body());

        assertThat(listed.findValuesAsString("reason"))
                .contains("an older contract refused it", "not valid JSON");
        assertThat(dry.path("dry_run").asBoolean()).isTrue();
        assertThat(dry.path("replayed").asInt()).isEqualTo(1);
        assertThat(dry.path("still_invalid").asInt()).isPositive();
        assertThat(
                        stack.endOffsets(stack.tasksTopic).values().stream()
                                .mapToLong(Long::longValue)
                                .sum())
                .isEqualTo(tasksBefore);

        JsonNode real =
                JSON.readTree(
                        ServiceHttp.postJson(
                                        port, "/api/v1/dead-letters/replay", "{\"dry_run\": false}")
                                .body());
        stack.awaitApplied(APPLY_TIMEOUT);
        JsonNode again =
                JSON.readTree(
                        ServiceHttp.postJson(
                                        port, "/api/v1/dead-letters/replay", "{\"dry_run\": false}")
                                .body());

        assertThat(real.path("replayed").asInt()).isEqualTo(1);
        assertThat(
                        stack.db()
                                .fetchCount(
                                        TRANSLATION_TASK,
                                        TRANSLATION_TASK.TASK_ID.eq("replayed-t")))
                .isEqualTo(1);
        assertThat(again.path("replayed").asInt()).isZero();

        // What is still invalid stays listed until it is discarded on purpose; what was replayed
        // is no longer listed.
        JsonNode after =
                JSON.readTree(ServiceHttp.get(port, "/api/v1/dead-letters?limit=1000").body());
        assertThat(after.findValuesAsString("key"))
                .contains("still-bad")
                .doesNotContain("replayed-s");
        JsonNode stillBad = letterWithKey(after, "still-bad");
        JsonNode discarded =
                JSON.readTree(
                        ServiceHttp.postJson(
                                        port,
                                        "/api/v1/dead-letters/discard",
                                        "{\"letters\": [{\"partition\": "
                                                + stillBad.path("partition").asInt()
                                                + ", \"offset\": "
                                                + stillBad.path("offset").asLong()
                                                + "}]}")
                                .body());
        assertThat(discarded.path("discarded").asInt()).isEqualTo(1);
        // A position not written yet would hide the letter written there later: refused.
        for (String letter :
                List.of(
                        "{\"partition\": 0, \"offset\": 999999}",
                        "{\"partition\": 99, \"offset\": 0}")) {
            var refused =
                    ServiceHttp.postJson(
                            port,
                            "/api/v1/dead-letters/discard",
                            "{\"letters\": [" + letter + "]}");
            assertThat(refused.statusCode()).as(letter).isEqualTo(400);
            assertThat(JSON.readTree(refused.body()).findValuesAsString("field"))
                    .containsExactly("letters[0]");
        }
        // Bodies here are at most 256 KiB: the largest discard, 1,000 letters of the largest
        // positions, is read (and refused for the positions), a body past the limit is 413 unread.
        String largest =
                "{\"partition\": 2147483647, \"offset\": 9223372036854775807}, ".repeat(999)
                        + "{\"partition\": 2147483647, \"offset\": 9223372036854775807}";
        var read =
                ServiceHttp.postJson(
                        port, "/api/v1/dead-letters/discard", "{\"letters\": [" + largest + "]}");
        assertThat(read.statusCode()).as(read.body()).isEqualTo(400);
        var tooLarge =
                ServiceHttp.postJson(
                        port,
                        "/api/v1/dead-letters/discard",
                        "{\"letters\": ["
                                + largest
                                + ", "
                                + largest
                                + ", "
                                + largest
                                + ", "
                                + largest
                                + ", "
                                + largest
                                + "]}");
        assertThat(tooLarge.statusCode()).as(tooLarge.body()).isEqualTo(413);
        assertThat(
                        JSON.readTree(
                                        ServiceHttp.get(port, "/api/v1/dead-letters?limit=1000")
                                                .body())
                                .findValuesAsString("key"))
                .doesNotContain("still-bad", "replayed-s");
        AccessAssertions.assertScope(
                port, "GET", "/api/v1/dead-letters", null, AccessAssertions.Needs.ADMIN);
        AccessAssertions.assertScope(
                port,
                "POST",
                "/api/v1/dead-letters/discard",
                "{\"letters\": [{\"partition\": 0, \"offset\": 0}]}",
                AccessAssertions.Needs.ADMIN);
    }

    private static JsonNode letterWithKey(JsonNode letters, String key) {
        for (JsonNode letter : letters) {
            if (key.equals(letter.path("key").asString())) {
                return letter;
            }
        }
        throw new AssertionError("no dead letter with key " + key + " in " + letters);
    }

    /**
     * A transactional direct producer leaves a control marker after each transaction: the stored
     * offset (and Kafka's copy) must pass it, or the partition shows lag and the flush barrier
     * waits for ever. The aborted transaction's event is never applied.
     */
    @Test
    void committedAndAbortedTransactionsOfADirectProducerLeaveNoLag() throws Exception {
        WorkerStack stack = stack();
        String topic = stack.sessionsTopic;
        try (KafkaProducer<String, byte[]> producer = stack.transactionalProducer()) {
            producer.initTransactions();
            producer.beginTransaction();
            producer.send(
                    new ProducerRecord<>(topic, 1, "tx-committed", session("tx-committed", 1)));
            producer.commitTransaction();
            producer.beginTransaction();
            producer.send(new ProducerRecord<>(topic, 1, "tx-aborted", session("tx-aborted", 1)));
            producer.flush();
            producer.abortTransaction();
        }

        stack.awaitApplied(APPLY_TIMEOUT);
        long end = stack.endOffsets(topic).get(1);
        await().atMost(APPLY_TIMEOUT).until(() -> stack.committedInKafka(topic, 1) == end);
        assertThat(sessionCount("tx-committed")).isEqualTo(1);
        assertThat(sessionCount("tx-aborted")).isZero();
    }

    /**
     * A valid event that the database refuses for its content (here a CHECK constraint of the
     * test's own) is dead-lettered with the SQL error in its headers; the rest of its batch, which
     * shares the statement it was in, is applied, and nothing stalls.
     */
    @Test
    void anEventTheDatabaseRefusesIsDeadLetteredWithItsSqlErrorAndTheRestOfItsBatchApplied() {
        WorkerStack stack = stack();
        double refusedBefore = count("refused");
        stack.db()
                .execute(
                        "ALTER TABLE translation_task ADD CONSTRAINT test_refuses"
                                + " CHECK (translated_text IS NULL OR translated_text NOT LIKE"
                                + " 'refused%')");
        try {
            loops.stop();
            stack.send(stack.tasksTopic, 2, "ref-s", task("ref-good-1", "ref-s", 1));
            stack.send(stack.tasksTopic, 2, "ref-s", refusedTask("ref-bad", "ref-s"));
            stack.send(stack.tasksTopic, 2, "ref-s", task("ref-good-2", "ref-s", 1));
            stack.send(stack.sessionsTopic, 0, "ref-s", session("ref-s", 1));
            loops.start();
            stack.awaitApplied(APPLY_TIMEOUT);
        } finally {
            stack.db().execute("ALTER TABLE translation_task DROP CONSTRAINT test_refuses");
        }

        assertThat(
                        stack.db()
                                .fetchCount(
                                        TRANSLATION_TASK,
                                        TRANSLATION_TASK.TASK_ID.in("ref-good-1", "ref-good-2")))
                .isEqualTo(2);
        assertThat(stack.db().fetchCount(TRANSLATION_TASK, TRANSLATION_TASK.TASK_ID.eq("ref-bad")))
                .isZero();
        assertThat(sessionCount("ref-s")).isEqualTo(1);
        List<ConsumerRecord<String, byte[]>> refused =
                stack.deadLetters().stream()
                        .filter(r -> header(r, DeadLetterHeaders.SQL_STATE) != null)
                        .toList();
        assertThat(refused).hasSize(1);
        ConsumerRecord<String, byte[]> letter = refused.get(0);
        assertThat(new String(letter.value(), StandardCharsets.UTF_8)).contains("ref-bad");
        assertThat(header(letter, DeadLetterHeaders.ORIGINAL_TOPIC)).isEqualTo(stack.tasksTopic);
        assertThat(header(letter, DeadLetterHeaders.REASON)).contains("refused by the database");
        // MySQL: 3819 check constraint violated; MariaDB: 4025 constraint failed.
        assertThat(header(letter, DeadLetterHeaders.SQL_ERROR_CODE)).isIn("3819", "4025");
        assertThat(count("refused") - refusedBefore).isEqualTo(1);

        // Given up on, so that the replay test does not meet it.
        discard(letter);
    }

    /**
     * A trigger's SIGNAL of class 45 is a refusal for certain: the event is dead-lettered even when
     * nothing else of its poll could be written. A server error without a telling class (HY000,
     * 1644) is a refusal only beside rows the database took; alone it is waited out as a failure of
     * the database, and applied once the database takes it.
     */
    @Test
    void refusalsOfUnknownKindsAreDeadLetteredOnlyBesideWrittenRowsAndOtherwiseWaitedOut() {
        WorkerStack stack = stack();
        stack.db()
                .execute(
                        "CREATE TRIGGER test_signals BEFORE INSERT ON translation_task"
                                + " FOR EACH ROW BEGIN"
                                + " IF NEW.task_id LIKE 'sig-certain%' THEN"
                                + " SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'refused by rule';"
                                + " ELSEIF NEW.task_id LIKE 'sig-unknown%' THEN"
                                + " SIGNAL SQLSTATE 'HY000' SET MESSAGE_TEXT = 'refused, why?';"
                                + " END IF; END");
        List<ConsumerRecord<String, byte[]>> letters = new ArrayList<>();
        try {
            stack.send(stack.tasksTopic, 3, "sig-s", task("sig-certain", "sig-s", 1));
            letters.add(awaitDeadLetter(stack, "sig-certain"));
            assertThat(header(letters.get(0), DeadLetterHeaders.SQL_STATE)).isEqualTo("45000");

            loops.stop();
            stack.send(stack.tasksTopic, 3, "sig-s", task("sig-good", "sig-s", 1));
            stack.send(stack.tasksTopic, 3, "sig-s", task("sig-unknown-1", "sig-s", 1));
            loops.start();
            letters.add(awaitDeadLetter(stack, "sig-unknown-1"));
            assertThat(header(letters.get(1), DeadLetterHeaders.SQL_STATE)).isEqualTo("HY000");
            assertThat(taskCount("sig-good")).isEqualTo(1);

            stack.send(stack.tasksTopic, 3, "sig-s", task("sig-unknown-2", "sig-s", 1));
            await().during(Duration.ofSeconds(4))
                    .atMost(Duration.ofSeconds(6))
                    .until(() -> !stack.applied() && taskCount("sig-unknown-2") == 0);
        } finally {
            stack.db().execute("DROP TRIGGER test_signals");
        }
        stack.awaitApplied(APPLY_TIMEOUT);
        assertThat(taskCount("sig-unknown-2")).isEqualTo(1);
        assertThat(deadLetterOf(stack, "sig-unknown-2")).isEmpty();

        // Given up on, so that the replay test does not meet them.
        letters.forEach(this::discard);
    }

    private void discard(ConsumerRecord<String, byte[]> letter) {
        ServiceHttp.postJson(
                port,
                "/api/v1/dead-letters/discard",
                "{\"letters\": [{\"partition\": "
                        + letter.partition()
                        + ", \"offset\": "
                        + letter.offset()
                        + "}]}");
    }

    private static ConsumerRecord<String, byte[]> awaitDeadLetter(WorkerStack stack, String id) {
        return await().atMost(APPLY_TIMEOUT)
                .until(() -> deadLetterOf(stack, id), java.util.Optional::isPresent)
                .orElseThrow();
    }

    private static java.util.Optional<ConsumerRecord<String, byte[]>> deadLetterOf(
            WorkerStack stack, String id) {
        return stack.deadLetters().stream()
                .filter(
                        r ->
                                r.value() != null
                                        && new String(r.value(), StandardCharsets.UTF_8)
                                                .contains("\"" + id + "\""))
                .findFirst();
    }

    /** The {@code updated_at} of the stored session; null when it is not stored. */
    private LocalDateTime storedVersion(String sessionId) {
        return stack().db()
                .select(TRANSLATION_SESSION.UPDATED_AT)
                .from(TRANSLATION_SESSION)
                .where(TRANSLATION_SESSION.SESSION_ID.eq(sessionId))
                .fetchOne(TRANSLATION_SESSION.UPDATED_AT);
    }

    private int taskCount(String id) {
        return stack().db().fetchCount(TRANSLATION_TASK, TRANSLATION_TASK.TASK_ID.eq(id));
    }

    /**
     * The retention side of the delete protocol: a session deleted as expired while a newer update
     * of it waits in the worker's lag comes back with that update, because its tombstone covers
     * only the version deleted. An event not newer than that version stays dropped.
     */
    @Test
    void anUpdateInTheLagOfARetentionDeleteBringsTheSessionBack() {
        WorkerStack stack = stack();
        stack.send(stack.sessionsTopic, 0, "ret-1", session("ret-1", 1));
        stack.send(stack.sessionsTopic, 0, "ret-2", session("ret-2", 1));
        stack.awaitApplied(APPLY_TIMEOUT);
        loops.stop();
        stack.send(stack.sessionsTopic, 0, "ret-1", session("ret-1", 5));
        stack.send(stack.sessionsTopic, 0, "ret-2", session("ret-2", 1));

        SessionDeletion.Expired expired =
                SessionDeletion.deleteExpired(
                        stack.db(),
                        List.of("ret-1", "ret-2"),
                        TRANSLATION_SESSION.UPDATED_AT.lt(utc(version(3))),
                        LocalDateTime.now(ZoneOffset.UTC));
        loops.start();
        stack.awaitApplied(APPLY_TIMEOUT);

        assertThat(expired.sessionIds()).containsExactlyInAnyOrder("ret-1", "ret-2");
        assertThat(storedVersion("ret-1")).isEqualTo(utc(version(5)));
        assertThat(sessionCount("ret-2")).isZero();
    }

    /**
     * A direct producer's record larger than the contract's largest envelope is dead-lettered, its
     * value kept in part so that the dead letter fits the topic, and its size in a header.
     */
    @Test
    void aRecordLargerThanTheContractAllowsIsDeadLetteredInPart() {
        WorkerStack stack = stack();
        String huge =
                new String(session("too-large", 1), StandardCharsets.UTF_8)
                        .replace("\"title v1\"", "\"" + "t".repeat(1_000_000) + "\"");
        stack.send(stack.tasksTopic, 3, "too-large", utf8(huge));
        stack.awaitApplied(APPLY_TIMEOUT);

        ConsumerRecord<String, byte[]> letter =
                stack.deadLetters().stream()
                        .filter(r -> "too-large".equals(r.key()))
                        .findFirst()
                        .orElseThrow();
        assertThat(header(letter, DeadLetterHeaders.ORIGINAL_VALUE_BYTES))
                .isEqualTo(Integer.toString(utf8(huge).length));
        assertThat(letter.value()).hasSize(64 * 1024);
        assertThat(header(letter, DeadLetterHeaders.REASON)).contains("at most 1000000 bytes");
    }

    /**
     * The offset protocol's continuity, on a partition no loop owns: a batch is applied only if it
     * starts where the stored offset stands; one re-invoked from an older position, or one that
     * would leave a gap, changes nothing, and an offset never moves backwards.
     */
    @Test
    void aBatchIsAppliedOnlyIfItStartsAtTheStoredOffset() {
        WorkerStack stack = stack();
        TopicPartition partition = new TopicPartition("continuity." + stack.group, 0);
        applier.apply(List.of(batch(partition, OptionalLong.empty(), 1, 0, "cont-1", 1)));
        applier.apply(List.of(batch(partition, OptionalLong.of(1), 2, 1, "cont-1", 2)));

        // The first batch again, as a re-invocation after the partition moved away and back.
        assertThatThrownBy(
                        () ->
                                applier.apply(
                                        List.of(
                                                batch(
                                                        partition,
                                                        OptionalLong.of(1),
                                                        2,
                                                        1,
                                                        "cont-1",
                                                        3))))
                .isInstanceOf(PartitionFencedException.class);
        // A batch that would skip offsets 2 to 4.
        assertThatThrownBy(
                        () ->
                                applier.apply(
                                        List.of(
                                                batch(
                                                        partition,
                                                        OptionalLong.of(5),
                                                        6,
                                                        5,
                                                        "cont-1",
                                                        4))))
                .isInstanceOf(PartitionFencedException.class);
        assertThatThrownBy(() -> new OffsetStore.Advance(OptionalLong.of(2), 1))
                .isInstanceOf(IllegalArgumentException.class);

        assertThat(stack.storedOffsets()).containsEntry(partition, 2L);
        assertThat(storedVersion("cont-1")).isEqualTo(utc(version(2)));
    }

    private static PartitionBatch batch(
            TopicPartition partition,
            OptionalLong from,
            long to,
            long offset,
            String sessionId,
            int version) {
        return new PartitionBatch(
                partition,
                new OffsetStore.Advance(from, to),
                List.of(
                        new ConsumerRecord<>(
                                partition.topic(),
                                partition.partition(),
                                offset,
                                sessionId,
                                session(sessionId, version))));
    }

    /** The record with the first 'v' of its title replaced by an overlong encoding of '/'. */
    private static byte[] overlong(byte[] record) {
        String text = new String(record, StandardCharsets.UTF_8);
        int at = text.indexOf("title v") + "title ".length();
        byte[] bytes = new byte[record.length + 1];
        System.arraycopy(record, 0, bytes, 0, at);
        bytes[at] = (byte) 0xC0;
        bytes[at + 1] = (byte) 0xAF;
        System.arraycopy(record, at + 1, bytes, at + 2, record.length - at - 1);
        return bytes;
    }

    private static byte[] refusedTask(String id, String sessionId) {
        return utf8(
                new String(task(id, sessionId, 1), StandardCharsets.UTF_8)
                        .replace("\"text v1\"", "\"refused v1\""));
    }

    private int sessionCount(String id) {
        return stack().db().fetchCount(TRANSLATION_SESSION, TRANSLATION_SESSION.SESSION_ID.eq(id));
    }

    /** A record on the dead-letter topic as the worker writes one, from the tasks topic. */
    private static void sendDeadLetter(WorkerStack stack, String key, String value, String reason) {
        RecordHeaders headers = new RecordHeaders();
        headers.add(
                DeadLetterHeaders.ORIGINAL_TOPIC,
                stack.tasksTopic.getBytes(StandardCharsets.UTF_8));
        headers.add(DeadLetterHeaders.ORIGINAL_PARTITION, ByteBuffer.allocate(4).putInt(1).array());
        headers.add(DeadLetterHeaders.ORIGINAL_OFFSET, ByteBuffer.allocate(8).putLong(99).array());
        headers.add(DeadLetterHeaders.REASON, reason.getBytes(StandardCharsets.UTF_8));
        stack.sendWithHeaders(stack.deadLetterTopic, key, utf8(value), headers);
    }

    /** Dead-letter parameters are read strictly: 400 naming the parameter, never ignored. */
    @Test
    void deadLetterParametersThatCannotBeReadAreRefusedNamingThem() throws Exception {
        for (String query :
                List.of(
                        "limit=abc",
                        "limit=99999999999",
                        "limit=",
                        "limit=1&limit=2",
                        "limits=3")) {
            var response = ServiceHttp.get(port, "/api/v1/dead-letters?" + query);
            assertThat(response.statusCode()).as(query).isEqualTo(400);
            assertThat(JSON.readTree(response.body()).findValuesAsString("field"))
                    .as(query)
                    .containsExactly(query.split("[=&]")[0]);
        }
    }

    /**
     * A path nothing serves is 404 and a method its path does not take 405, for every valid key.
     */
    @Test
    void pathsNothingServesAre404Or405WhateverTheKey() {
        AccessAssertions.assertNotServed(
                port, "GET", "/api/v1/dead-letters/replay", 405, Set.of("POST"));
        AccessAssertions.assertNotServed(port, "GET", "/api/v1/nothing", 404, Set.of());
    }

    @Test
    void systemEndpointsNeedKeysWithTheirScopes() {
        AccessAssertions.assertScope(
                port, "GET", "/api/v1/system/metrics", null, AccessAssertions.Needs.READ);
        AccessAssertions.assertScope(
                port, "GET", "/api/v1/system/config", null, AccessAssertions.Needs.ADMIN);
        assertThat(ServiceHttp.get(port, "/api/v1/system/config").body())
                .contains("\"retry_max_interval\"")
                .doesNotContain(ServiceHttp.ADMIN_KEY);
    }

    @Test
    void healthHasDatabaseKafkaAndConsumersAndMetricsAreExposed() {
        ServiceAssertions.assertHealthy(port, "db", "kafka", "consumers");
        ServiceAssertions.assertOnlyHealthAndPrometheusExposed(port);
        assertThat(ServiceHttp.get(port, "/actuator/prometheus").body())
                .contains("pipeline_worker_batch_statements")
                .contains("pipeline_worker_end_to_end_seconds")
                .contains("kafka_consumer_fetch_manager_records_lag_max");
    }

    private void sendSession(int n, int version) {
        stack().send(
                        stack().sessionsTopic,
                        n % 2,
                        "order-s-" + n,
                        session("order-s-" + n, version));
    }

    private void sendTask(int n, int version) {
        stack().send(
                        stack().tasksTopic,
                        n % 2,
                        "order-s-" + n,
                        task("order-t-" + n, "order-s-" + n, version));
    }

    /** query-api's delete: the same code. */
    private void deleteSessionAt(String sessionId, LocalDateTime deletedAt) {
        SessionDeletion.delete(stack().db(), List.of(sessionId), deletedAt);
    }

    private double count(String outcome) {
        Counter counter = meters.find("pipeline.worker.records").tag("outcome", outcome).counter();
        return counter == null ? 0 : counter.count();
    }

    private static LocalDateTime utc(Instant instant) {
        return LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        var header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static long offsetHeader(ConsumerRecord<String, byte[]> record) {
        return ByteBuffer.wrap(
                        record.headers().lastHeader(DeadLetterHeaders.ORIGINAL_OFFSET).value())
                .getLong();
    }

    private static int partitionHeader(ConsumerRecord<String, byte[]> record) {
        return ByteBuffer.wrap(
                        record.headers().lastHeader(DeadLetterHeaders.ORIGINAL_PARTITION).value())
                .getInt();
    }

    private static String reasonAt(List<ConsumerRecord<String, byte[]>> dead, long offset) {
        return dead.stream()
                .filter(r -> offsetHeader(r) == offset)
                .map(r -> header(r, DeadLetterHeaders.REASON))
                .findFirst()
                .orElseThrow();
    }
}
