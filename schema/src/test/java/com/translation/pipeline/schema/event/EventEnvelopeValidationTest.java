package com.translation.pipeline.schema.event;

import static com.translation.pipeline.schema.event.Items.with;
import static org.assertj.core.api.Assertions.assertThat;

import com.translation.pipeline.schema.event.FieldError.Reason;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.node.ObjectNode;

class EventEnvelopeValidationTest {

    private static final EventValidator VALIDATOR = EventValidator.create();

    @Test
    void encodedSessionEnvelopeValidatesBackToTheSameEvent() {
        SessionData session = VALIDATOR.validateSession(Items.fullSession()).value();
        EventEnvelope envelope =
                EventEnvelope.wrap(session, Instant.parse("2026-03-01T10:05:00.1234567Z"));

        Validation<EventEnvelope> decoded = VALIDATOR.validateEnvelope(EventCodec.encode(envelope));

        assertThat(decoded.errors()).isEmpty();
        assertThat(decoded.value()).isEqualTo(envelope);
        assertThat(decoded.value().occurredAt())
                .isEqualTo(Instant.parse("2026-03-01T10:05:00.123456Z"));
        assertThat(decoded.value().key()).isEqualTo("sess-1");
    }

    /**
     * Event ids come from each thread's own generator: random version 4 UUIDs of the IETF variant,
     * as {@link java.util.UUID#randomUUID()} makes them, none repeated across threads.
     */
    @Test
    void eventIdsAreRandomVersion4UuidsUniqueAcrossThreads() throws Exception {
        java.util.Set<java.util.UUID> ids = java.util.concurrent.ConcurrentHashMap.newKeySet();
        List<Thread> threads = new java.util.ArrayList<>();
        for (int t = 0; t < 4; t++) {
            Thread thread =
                    new Thread(
                            () -> {
                                for (int i = 0; i < 25_000; i++) {
                                    ids.add(EventEnvelope.randomEventId());
                                }
                            });
            thread.start();
            threads.add(thread);
        }
        for (Thread thread : threads) {
            thread.join();
        }

        assertThat(ids).hasSize(100_000);
        assertThat(ids).allSatisfy(id -> assertThat(id.version()).isEqualTo(4));
        assertThat(ids).allSatisfy(id -> assertThat(id.variant()).isEqualTo(2));
        long ones =
                ids.stream()
                        .mapToLong(
                                id ->
                                        Long.bitCount(id.getMostSignificantBits() & ~0xF000L)
                                                + Long.bitCount(
                                                        id.getLeastSignificantBits()
                                                                & 0x3FFF_FFFF_FFFF_FFFFL))
                        .sum();
        // 122 random bits per id: about half of them set.
        assertThat(ones / (double) (ids.size() * 122L)).isBetween(0.49, 0.51);
    }

    @Test
    void encodedTaskEnvelopeValidatesBackToTheSameEvent() {
        TaskData task = VALIDATOR.validateTask(Items.task()).value();
        EventEnvelope envelope = EventEnvelope.wrap(task, Instant.now());

        Validation<EventEnvelope> decoded = VALIDATOR.validateEnvelope(EventCodec.encode(envelope));

        assertThat(decoded.value()).isEqualTo(envelope);
        assertThat(decoded.value().type()).isEqualTo(EventType.TASK_UPSERTED);
        assertThat(EventCodec.encode(envelope)).asString().contains("\"type\":\"task.upserted\"");
    }

    @Test
    void envelopeFromAnotherProducerWithOffsetsIsAccepted() {
        ObjectNode envelope = Items.envelope("session.upserted", Items.session());
        envelope.put("occurred_at", "2026-03-01T11:05:00+01:00");

        EventEnvelope event = VALIDATOR.validateEnvelope(Items.bytes(envelope)).value();

        assertThat(event.occurredAt()).isEqualTo(Instant.parse("2026-03-01T10:05:00Z"));
        assertThat(event.data()).isInstanceOf(SessionData.class);
    }

    @Test
    void recordWithoutValueIsMalformed() {
        assertRejected(VALIDATOR.validateEnvelope(null), "", Reason.MALFORMED);
    }

    @Test
    void valueThatIsNotJsonIsMalformed() {
        assertRejected(
                VALIDATOR.validateEnvelope(Items.bytes("{\"schema_version\": 1,")),
                "",
                Reason.MALFORMED);
    }

    /**
     * A number whose exponent no decimal holds is OUT_OF_RANGE naming its field, as ingest-api
     * answers the same item: a direct producer's dead letter says what the API would have said.
     */
    @ParameterizedTest
    @CsvSource({
        "total_tasks, 1e99999999999",
        "total_tasks, -1E+99999999999",
        "metadata, 1e-99999999999"
    })
    void aNumberNoDecimalHoldsIsOutOfRangeNamingItsField(String field, String number) {
        ObjectNode session = Items.session();
        if (field.equals("metadata")) {
            session.putObject("metadata").putArray("a").add(424242);
        } else {
            session.put(field, 424242);
        }
        String json =
                new String(Items.bytes(Items.envelope("session.upserted", session)))
                        .replace("424242", number);

        assertRejected(
                VALIDATOR.validateEnvelope(json.getBytes(java.nio.charset.StandardCharsets.UTF_8)),
                "data." + field,
                Reason.OUT_OF_RANGE);
    }

    @Test
    void duplicateKeysAreMalformed() {
        String json = new String(Items.bytes(Items.envelope("session.upserted", Items.session())));
        String duplicated = json.replaceFirst("\\{", "{\"type\":\"task.upserted\",");

        assertRejected(VALIDATOR.validateEnvelope(Items.bytes(duplicated)), "", Reason.MALFORMED);
    }

    @Test
    void nestingDeeperThanTheParserAllowsIsMalformed() {
        String deep = "[".repeat(100) + "]".repeat(100);

        assertRejected(VALIDATOR.validateEnvelope(Items.bytes(deep)), "", Reason.MALFORMED);
    }

    @Test
    void valueOverTheEventSizeLimitIsTooLarge() {
        byte[] value = new byte[EventEnvelope.MAX_EVENT_BYTES + 1];

        assertRejected(VALIDATOR.validateEnvelope(value), "", Reason.TOO_LARGE);
    }

    static Stream<org.junit.jupiter.params.provider.Arguments> invalidEnvelopes() {
        return Stream.of(
                EventValidatorTest.invalid(
                        "unknown type",
                        e -> e.put("type", "session.deleted"),
                        "type",
                        Reason.INVALID_VALUE),
                EventValidatorTest.invalid(
                        "schema_version 2",
                        e -> e.put("schema_version", 2),
                        "schema_version",
                        Reason.INVALID_VALUE),
                EventValidatorTest.invalid(
                        "event_id not a UUID",
                        e -> e.put("event_id", "42"),
                        "event_id",
                        Reason.INVALID_VALUE),
                EventValidatorTest.invalid(
                        "occurred_at invalid",
                        e -> e.put("occurred_at", "yesterday"),
                        "occurred_at",
                        Reason.INVALID_TIMESTAMP),
                EventValidatorTest.invalid(
                        "data missing", e -> e.remove("data"), "data", Reason.MISSING),
                EventValidatorTest.invalid(
                        "data not an object", e -> e.put("data", "x"), "data", Reason.WRONG_TYPE),
                EventValidatorTest.invalid(
                        "unknown envelope field",
                        e -> e.put("key", "x"),
                        "key",
                        Reason.UNKNOWN_FIELD),
                EventValidatorTest.invalid(
                        "invalid session status",
                        e -> ((ObjectNode) e.get("data")).put("status", "done"),
                        "data.status",
                        Reason.INVALID_VALUE),
                EventValidatorTest.invalid(
                        "session data for a task event",
                        e -> e.put("type", "task.upserted"),
                        "data.task_id",
                        Reason.MISSING),
                EventValidatorTest.invalid(
                        "metadata too deep",
                        e -> ((ObjectNode) e.get("data")).set("metadata", Items.nested(17)),
                        "data.metadata",
                        Reason.TOO_DEEP));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidEnvelopes")
    void invalidEnvelopeIsRejectedNamingTheField(
            String description, Consumer<ObjectNode> change, String field, Reason reason) {
        ObjectNode envelope = with(Items.envelope("session.upserted", Items.session()), change);

        assertRejected(VALIDATOR.validateEnvelope(Items.bytes(envelope)), field, reason);
    }

    /**
     * The API validates items, the worker validates envelopes: for every item, both must come to
     * the same verdict on the same fields, or a record the API accepted could be dead-lettered.
     */
    @DisplayName("item and envelope validation agree on every session case")
    @Test
    void itemAndEnvelopeValidationAgreeOnSessions() {
        List<ObjectNode> items =
                Stream.concat(
                                Stream.of(Items.session(), Items.fullSession()),
                                EventValidatorTest.invalidSessions()
                                        .map(
                                                arguments ->
                                                        apply(
                                                                Items.fullSession(),
                                                                arguments.get()[1])))
                        .toList();

        for (ObjectNode item : items) {
            List<String> itemFields =
                    VALIDATOR.validateSession(item.deepCopy()).errors().stream()
                            .map(error -> "data." + error.field())
                            .toList();
            List<String> envelopeFields =
                    VALIDATOR
                            .validateEnvelope(Items.bytes(Items.envelope("session.upserted", item)))
                            .errors()
                            .stream()
                            .map(FieldError::field)
                            .toList();
            assertThat(envelopeFields)
                    .as(item.toString())
                    .containsExactlyInAnyOrderElementsOf(itemFields);
        }
    }

    @Test
    void itemAndEnvelopeValidationAgreeOnTasks() {
        List<ObjectNode> items =
                Stream.concat(
                                Stream.of(Items.task()),
                                EventValidatorTest.invalidTasks()
                                        .map(arguments -> apply(Items.task(), arguments.get()[1])))
                        .toList();

        for (ObjectNode item : items) {
            boolean itemValid = VALIDATOR.validateTask(item.deepCopy()).isValid();
            boolean envelopeValid =
                    VALIDATOR
                            .validateEnvelope(Items.bytes(Items.envelope("task.upserted", item)))
                            .isValid();
            assertThat(envelopeValid).as(item.toString()).isEqualTo(itemValid);
        }
    }

    @SuppressWarnings("unchecked")
    private static ObjectNode apply(ObjectNode base, Object change) {
        return with(base, (Consumer<ObjectNode>) change);
    }

    private static void assertRejected(
            Validation<EventEnvelope> result, String field, Reason reason) {
        assertThat(result.isValid()).isFalse();
        assertThat(result.errors())
                .anySatisfy(
                        error -> {
                            assertThat(error.field()).isEqualTo(field);
                            assertThat(error.reason()).isEqualTo(reason);
                        });
    }
}
