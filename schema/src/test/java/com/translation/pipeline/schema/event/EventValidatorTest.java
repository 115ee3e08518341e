package com.translation.pipeline.schema.event;

import static com.translation.pipeline.schema.event.Items.with;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import com.translation.pipeline.schema.event.FieldError.Reason;
import java.time.Instant;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.node.ObjectNode;

class EventValidatorTest {

    private static final EventValidator VALIDATOR = EventValidator.create();

    @Test
    void minimalSessionIsValidAndTyped() {
        Validation<SessionData> result = VALIDATOR.validateSession(Items.session());

        assertThat(result.errors()).isEmpty();
        SessionData session = result.value();
        assertThat(session.sessionId()).isEqualTo("sess-1");
        assertThat(session.status()).isEqualTo(SessionStatus.RUNNING);
        assertThat(session.updatedAt()).isEqualTo(Instant.parse("2026-03-01T10:05:00.123456Z"));
        assertThat(session.metadata()).isNull();
        assertThat(session.eventType()).isEqualTo(EventType.SESSION_UPSERTED);
    }

    @Test
    void fullSessionKeepsEveryField() {
        SessionData session = VALIDATOR.validateSession(Items.fullSession()).value();

        assertThat(session.userId()).isEqualTo("user-7");
        assertThat(session.targetLanguage()).isEqualTo("zh-Hans");
        assertThat(session.totalTasks()).isEqualTo(10);
        assertThat(session.failedTasks()).isEqualTo(1);
        assertThat(session.metadata().path("tags").get(1).asString()).isEqualTo("b");
        assertThat(session.completedAt()).isNull();
    }

    @Test
    void timestampWithOffsetIsReadAsTheSameInstantInUtc() {
        ObjectNode item =
                with(Items.session(), s -> s.put("updated_at", "2026-03-01t12:00:00.5+02:00"));

        SessionData session = VALIDATOR.validateSession(item).value();

        assertThat(session.updatedAt()).isEqualTo(Instant.parse("2026-03-01T10:00:00.5Z"));
    }

    @Test
    void taskIsValidAndTyped() {
        TaskData task = VALIDATOR.validateTask(Items.task()).value();

        assertThat(task.taskId()).isEqualTo("task-1");
        assertThat(task.sessionId()).isEqualTo("sess-1");
        assertThat(task.status()).isEqualTo(TaskStatus.COMPLETED);
        assertThat(task.translatedText()).isEqualTo("你好");
    }

    @Test
    void metadataAtExactlyTheLimitsIsValid() {
        ObjectNode deepest = with(Items.session(), s -> s.set("metadata", Items.nested(16)));
        ObjectNode largest =
                with(Items.session(), s -> s.putObject("metadata").put("k", "x".repeat(65536 - 8)));

        ObjectNode escaped =
                with(
                        Items.session(),
                        s -> s.putObject("metadata").put("k", "\u0001".repeat(10921)));

        assertThat(VALIDATOR.validateSession(deepest).errors()).isEmpty();
        assertThat(EventCodec.toJson(escaped.get("metadata"))).hasSize(8 + 6 * 10921);
        assertThat(VALIDATOR.validateSession(escaped).errors()).isEmpty();
        assertThat(EventCodec.toJson(largest.get("metadata"))).hasSize(65536);
        assertThat(VALIDATOR.validateSession(largest).errors()).isEmpty();
    }

    @Test
    void textsAtExactlyTheirByteLimitsAreValid() {
        ObjectNode item =
                with(
                        Items.task(),
                        t -> {
                            t.put("source_text", "a".repeat(262144));
                            t.put("translated_text", "é".repeat(131072));
                            t.put("error_message", "e".repeat(16384));
                        });

        assertThat(VALIDATOR.validateTask(item).errors()).isEmpty();
    }

    static Stream<Arguments> invalidSessions() {
        return Stream.of(
                invalid(
                        "session_id missing",
                        s -> s.remove("session_id"),
                        "session_id",
                        Reason.MISSING),
                invalid("status missing", s -> s.remove("status"), "status", Reason.MISSING),
                invalid(
                        "created_at missing",
                        s -> s.remove("created_at"),
                        "created_at",
                        Reason.MISSING),
                invalid(
                        "updated_at missing",
                        s -> s.remove("updated_at"),
                        "updated_at",
                        Reason.MISSING),
                invalid(
                        "session_id empty",
                        s -> s.put("session_id", ""),
                        "session_id",
                        Reason.INVALID_VALUE),
                invalid(
                        "session_id of 65 chars",
                        s -> s.put("session_id", "s".repeat(65)),
                        "session_id",
                        Reason.TOO_LONG),
                invalid(
                        "session_id with a slash",
                        s -> s.put("session_id", "a/b"),
                        "session_id",
                        Reason.INVALID_VALUE),
                invalid(
                        "session_id '..', which no path can name",
                        s -> s.put("session_id", ".."),
                        "session_id",
                        Reason.INVALID_VALUE),
                invalid(
                        "session_id '.', which no path can name",
                        s -> s.put("session_id", "."),
                        "session_id",
                        Reason.INVALID_VALUE),
                invalid(
                        "session_id not a string",
                        s -> s.put("session_id", 42),
                        "session_id",
                        Reason.WRONG_TYPE),
                invalid(
                        "unknown status",
                        s -> s.put("status", "done"),
                        "status",
                        Reason.INVALID_VALUE),
                invalid(
                        "task-only status",
                        s -> s.put("status", "skipped"),
                        "status",
                        Reason.INVALID_VALUE),
                invalid(
                        "unknown field",
                        s -> s.put("sessionId", "x"),
                        "sessionId",
                        Reason.UNKNOWN_FIELD),
                invalid(
                        "server-owned field",
                        s -> s.put("applied_at", "2026-03-01T10:00:00Z"),
                        "applied_at",
                        Reason.UNKNOWN_FIELD),
                invalid(
                        "user_id of 65 chars",
                        s -> s.put("user_id", "u".repeat(65)),
                        "user_id",
                        Reason.TOO_LONG),
                invalid(
                        "title of 513 chars",
                        s -> s.put("title", "t".repeat(513)),
                        "title",
                        Reason.TOO_LONG),
                invalid(
                        "language of 36 chars",
                        s -> s.put("source_language", "l".repeat(36)),
                        "source_language",
                        Reason.TOO_LONG),
                invalid(
                        "negative count",
                        s -> s.put("total_tasks", -1),
                        "total_tasks",
                        Reason.OUT_OF_RANGE),
                invalid(
                        "count over INT",
                        s -> s.put("completed_tasks", 2147483648L),
                        "completed_tasks",
                        Reason.OUT_OF_RANGE),
                invalid(
                        "count as a string",
                        s -> s.put("failed_tasks", "3"),
                        "failed_tasks",
                        Reason.WRONG_TYPE),
                invalid(
                        "metadata not an object",
                        s -> s.putArray("metadata").add(1),
                        "metadata",
                        Reason.WRONG_TYPE),
                invalid(
                        "metadata 17 levels deep",
                        s -> s.set("metadata", Items.nested(17)),
                        "metadata",
                        Reason.TOO_DEEP),
                invalid(
                        "metadata over 64 KiB",
                        s -> s.putObject("metadata").put("k", "x".repeat(65536)),
                        "metadata",
                        Reason.TOO_LARGE),
                invalid(
                        "metadata over 64 KiB only once its escapes are written",
                        s -> s.putObject("metadata").put("k", "\u0001".repeat(10922)),
                        "metadata",
                        Reason.TOO_LARGE),
                invalid(
                        "timestamp without offset",
                        s -> s.put("updated_at", "2026-03-01T10:00:00"),
                        "updated_at",
                        Reason.INVALID_TIMESTAMP),
                invalid(
                        "timestamp with nanoseconds",
                        s -> s.put("updated_at", "2026-03-01T10:00:00.1234567Z"),
                        "updated_at",
                        Reason.INVALID_TIMESTAMP),
                invalid(
                        "timestamp on February 30",
                        s -> s.put("created_at", "2026-02-30T10:00:00Z"),
                        "created_at",
                        Reason.INVALID_TIMESTAMP),
                invalid(
                        "timestamp before year 1000",
                        s -> s.put("created_at", "0999-12-31T10:00:00Z"),
                        "created_at",
                        Reason.OUT_OF_RANGE),
                invalid(
                        "timestamp past year 9999 in UTC",
                        s -> s.put("completed_at", "9999-12-31T23:00:00-05:00"),
                        "completed_at",
                        Reason.OUT_OF_RANGE),
                invalid(
                        "timestamp as a number",
                        s -> s.put("updated_at", 1767225600),
                        "updated_at",
                        Reason.WRONG_TYPE),
                invalid(
                        "optional timestamp without offset",
                        s -> s.put("completed_at", "2026-03-01 10:00:00"),
                        "completed_at",
                        Reason.INVALID_TIMESTAMP),
                invalid(
                        "optional timestamp with nanoseconds",
                        s -> s.put("completed_at", "2026-03-01T10:00:00.1234567Z"),
                        "completed_at",
                        Reason.INVALID_TIMESTAMP),
                invalid(
                        "optional timestamp as a number",
                        s -> s.put("completed_at", 1767225600),
                        "completed_at",
                        Reason.WRONG_TYPE));
    }

    /**
     * docs/event-contract.md: a whole number may be spelt with a fraction or an exponent in the
     * integer fields, and the integer is what the record holds (as JSON Schema counts it).
     */
    @ParameterizedTest
    @CsvSource({"1.0, 1", "1E2, 100", "1e+2, 100", "2.50E1, 25", "0.0, 0"})
    void aWholeNumberSpeltWithAFractionOrAnExponentIsThatInteger(String spelt, int integer) {
        ObjectNode session = Items.session();
        session.put("total_tasks", new java.math.BigDecimal(spelt));
        ObjectNode task = Items.task();
        task.put("sequence", new java.math.BigDecimal(spelt));
        task.put("retry_count", new java.math.BigDecimal(spelt));

        Validation<SessionData> validSession = VALIDATOR.validateSession(session);
        Validation<TaskData> validTask = VALIDATOR.validateTask(task);

        assertThat(validSession.errors()).isEmpty();
        assertThat(validSession.value().totalTasks()).isEqualTo(integer);
        assertThat(validTask.errors()).isEmpty();
        assertThat(validTask.value().sequence()).isEqualTo(integer);
        assertThat(validTask.value().retryCount()).isEqualTo(integer);
        // The worker reads the same from a Kafka record, by either of its readers.
        Validation<EventEnvelope> record =
                VALIDATOR.validateEnvelope(Items.bytes(Items.envelope("task.upserted", task)));
        assertThat(record.errors()).isEmpty();
        assertThat(((TaskData) record.value().data()).sequence()).isEqualTo(integer);
    }

    @ParameterizedTest
    @ValueSource(strings = {"...", ".a", "a.", "a..b", "_", ":", "-"})
    void idsOfDotsAndMarksOtherThanDotAndDotDotAreValid(String id) {
        assertThat(
                        VALIDATOR.validateSession(
                                with(Items.fullSession(), s -> s.put("session_id", id))))
                .satisfies(result -> assertThat(result.errors()).isEmpty());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidSessions")
    void invalidSessionIsRejectedNamingTheField(
            String description, Consumer<ObjectNode> change, String field, Reason reason) {
        Validation<SessionData> result =
                VALIDATOR.validateSession(with(Items.fullSession(), change));

        assertThat(result.isValid()).isFalse();
        assertThat(result.value()).isNull();
        assertThat(result.errors())
                .as(description)
                .anySatisfy(
                        error -> {
                            assertThat(error.field()).isEqualTo(field);
                            assertThat(error.reason()).isEqualTo(reason);
                            assertThat(error.message()).isNotBlank();
                        });
    }

    static Stream<Arguments> invalidTasks() {
        return Stream.of(
                invalid("task_id missing", t -> t.remove("task_id"), "task_id", Reason.MISSING),
                invalid(
                        "session_id missing",
                        t -> t.remove("session_id"),
                        "session_id",
                        Reason.MISSING),
                invalid(
                        "task_id with a space",
                        t -> t.put("task_id", "a b"),
                        "task_id",
                        Reason.INVALID_VALUE),
                invalid(
                        "session-only status",
                        t -> t.put("status", "paused"),
                        "status",
                        Reason.INVALID_VALUE),
                invalid(
                        "negative sequence",
                        t -> t.put("sequence", -1),
                        "sequence",
                        Reason.OUT_OF_RANGE),
                invalid(
                        "fractional retry_count",
                        t -> t.put("retry_count", 1.5),
                        "retry_count",
                        Reason.WRONG_TYPE),
                invalid(
                        "source_text over 256 KiB of ASCII",
                        t -> t.put("source_text", "a".repeat(262145)),
                        "source_text",
                        Reason.TOO_LONG),
                invalid(
                        "translated_text over 256 KiB of UTF-8",
                        t -> t.put("translated_text", "字".repeat(90000)),
                        "translated_text",
                        Reason.TOO_LONG),
                invalid(
                        "error_message over 16 KiB",
                        t -> t.put("error_message", "é".repeat(8193)),
                        "error_message",
                        Reason.TOO_LONG),
                invalid(
                        "metadata 17 levels deep",
                        t -> t.set("metadata", Items.nested(17)),
                        "metadata",
                        Reason.TOO_DEEP),
                invalid(
                        "unknown field",
                        t -> t.put("priority", 1),
                        "priority",
                        Reason.UNKNOWN_FIELD));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidTasks")
    void invalidTaskIsRejectedNamingTheField(
            String description, Consumer<ObjectNode> change, String field, Reason reason) {
        Validation<TaskData> result = VALIDATOR.validateTask(with(Items.task(), change));

        assertThat(result.isValid()).isFalse();
        assertThat(result.errors())
                .as(description)
                .anySatisfy(
                        error -> {
                            assertThat(error.field()).isEqualTo(field);
                            assertThat(error.reason()).isEqualTo(reason);
                        });
    }

    @Test
    void everyInvalidFieldOfAnItemIsReported() {
        ObjectNode item =
                with(
                        Items.session(),
                        s -> {
                            s.put("status", "done");
                            s.put("title", "t".repeat(600));
                            s.remove("created_at");
                        });

        assertThat(VALIDATOR.validateSession(item).errors())
                .extracting(FieldError::field)
                .containsExactlyInAnyOrder("status", "title", "created_at");
    }

    static Arguments invalid(
            String description, Consumer<ObjectNode> change, String field, Reason reason) {
        return arguments(description, change, field, reason);
    }
}
