package com.translation.pipeline.schema.event;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The one-pass reader only ever accepts: whatever it reads, the full validation accepts too and
 * builds an equal envelope. Checked on the contract's usual records and on many thousands of
 * mutations of them, valid and invalid, at every field's edges.
 */
class FastRecordReaderTest {

    private static final EventValidator VALIDATOR = EventValidator.create();
    private static final FastRecordReader FAST = new FastRecordReader(VALIDATOR::document);

    private static final String[] VALUES = {
        "null",
        "\"\"",
        "\"x\"",
        "0",
        "-1",
        "1",
        "1.0",
        "1e2",
        "2147483647",
        "2147483648",
        "-2147483649",
        "true",
        "[]",
        "{}",
        "{\"a\":1}",
        "\"running\"",
        "\"completed\"",
        "\"RUNNING\"",
        "\"a\\nb\"",
        "\"id\\n\"",
        "\"\\u0000\"",
        "\"a\\ud800b\"",
        "\"\\ud83d\\ude00\"",
        "\"" + "x".repeat(64) + "\"",
        "\"" + "x".repeat(65) + "\"",
        "\"" + "é".repeat(35) + "\"",
        "\"" + "é".repeat(36) + "\"",
        "\"" + "😀".repeat(512) + "\"",
        "\"" + "😀".repeat(513) + "\"",
        "\"2026-03-01T10:00:00Z\"",
        "\"2026-03-01t10:00:00z\"",
        "\"2026-03-01T10:00:00.123456Z\"",
        "\"2026-03-01T10:00:00.1234567Z\"",
        "\"2026-03-01T10:00:00+14:00\"",
        "\"2026-03-01T10:00:00+24:00\"",
        "\"2026-03-01T10:00:00-00:00\"",
        "\"2026-02-29T10:00:00Z\"",
        "\"2028-02-29T10:00:00Z\"",
        "\"2026-03-01T24:00:00Z\"",
        "\"2026-12-31T23:59:60Z\"",
        "\"0999-12-31T23:59:59Z\"",
        "\"1000-01-01T00:00:00Z\"",
        "\"1000-01-01T00:30:00+01:00\"",
        "\"9999-12-31T23:59:59.999999Z\"",
        "\"9999-12-31T23:59:59-01:00\"",
        "\"2026-03-01 10:00:00Z\"",
        "\"2026-03-01T10:00:00\"",
        "{\"n\": 1e400}",
        "{\"n\": 0.1}",
        "{\"k\\ud800\": 1}",
        "{\"a\":{\"b\":{\"c\":{\"d\":{\"e\":{\"f\":{\"g\":"
            + "{\"h\":{\"i\":{\"j\":{\"k\":{\"l\":{\"m\":{\"n\":{\"o\":{\"p\":1}}}}}}}}}}}}}}}}",
        "{\"a\":{\"b\":{\"c\":{\"d\":{\"e\":{\"f\":{\"g\":{\"h\":{\"i\":{\"j\":{\"k\":{\"l\":"
                + "{\"m\":{\"n\":{\"o\":{\"p\":{\"q\":1}}}}}}}}}}}}}}}}}",
        "\"4f1c2a9e-7b3d-4c5e-9f10-2a3b4c5d6e7f\"",
        "\"session.upserted\"",
        "\"task.upserted\""
    };

    private static final String[] SESSION_FIELDS = {
        "session_id", "user_id", "status", "source_language", "target_language", "title",
        "total_tasks", "completed_tasks", "failed_tasks", "metadata", "created_at", "updated_at",
        "completed_at", "unknown"
    };
    private static final String[] TASK_FIELDS = {
        "task_id", "session_id", "sequence", "status", "source_text", "translated_text",
        "error_message", "retry_count", "metadata", "created_at", "updated_at", "completed_at",
        "unknown"
    };
    private static final String[] ENVELOPE_FIELDS = {
        "schema_version", "event_id", "type", "occurred_at", "extra"
    };

    @Test
    void theContractsOwnRecordsAreReadInOnePassAndEqualTheFullValidation() {
        List<byte[]> records =
                List.of(
                        bytes(envelope("session.upserted", Items.session())),
                        bytes(envelope("session.upserted", Items.fullSession())),
                        bytes(envelope("task.upserted", Items.task())),
                        EventCodec.encode(
                                EventEnvelope.wrap(
                                        VALIDATOR.validateTask(Items.task()).value(),
                                        java.time.Instant.now())));

        for (byte[] record : records) {
            EventEnvelope fast = FAST.read(record);
            assertThat(fast).as(new String(record, StandardCharsets.UTF_8)).isNotNull();
            assertThat(fast).isEqualTo(VALIDATOR.validateEnvelopeFully(record).value());
        }
    }

    @Test
    void whateverItAcceptsAmongManyMutationsTheFullValidationAcceptsAsTheSameEnvelope() {
        Random random = new Random(7);
        int accepted = 0;
        int rejectedByBoth = 0;
        for (int i = 0; i < 20_000; i++) {
            boolean session = random.nextBoolean();
            ObjectNode data = session ? Items.fullSession() : Items.task();
            ObjectNode envelope = envelope(session ? "session.upserted" : "task.upserted", data);
            String[] fields = session ? SESSION_FIELDS : TASK_FIELDS;
            int edits = 1 + random.nextInt(3);
            for (int e = 0; e < edits; e++) {
                int what = random.nextInt(10);
                if (what < 6) {
                    data.set(fields[random.nextInt(fields.length)], value(random));
                } else if (what < 8) {
                    data.remove(fields[random.nextInt(fields.length)]);
                } else if (what < 9) {
                    envelope.set(
                            ENVELOPE_FIELDS[random.nextInt(ENVELOPE_FIELDS.length)], value(random));
                } else {
                    envelope.remove(ENVELOPE_FIELDS[random.nextInt(ENVELOPE_FIELDS.length)]);
                }
            }
            byte[] record = bytes(envelope);
            EventEnvelope fast = FAST.read(record);
            Validation<EventEnvelope> full = VALIDATOR.validateEnvelopeFully(record);
            if (fast != null) {
                accepted++;
                assertThat(full.errors()).as(new String(record, StandardCharsets.UTF_8)).isEmpty();
                assertThat(fast).isEqualTo(full.value());
            } else if (!full.isValid()) {
                rejectedByBoth++;
            }
        }
        assertThat(accepted).as("mutations read in one pass").isGreaterThan(1000);
        assertThat(rejectedByBoth).as("invalid mutations").isGreaterThan(1000);
    }

    @Test
    void recordsItDoesNotReadAreLeftToTheFullValidation() {
        String reordered =
                "{\"event_id\":\"4f1c2a9e-7b3d-4c5e-9f10-2a3b4c5d6e7f\",\"schema_version\":1,"
                        + "\"type\":\"session.upserted\",\"occurred_at\":\"2026-03-01T10:05:00Z\","
                        + "\"data\":"
                        + Items.session()
                        + "}";
        String countAsDecimal =
                new String(
                                bytes(envelope("session.upserted", Items.fullSession())),
                                StandardCharsets.UTF_8)
                        .replace("\"total_tasks\":10", "\"total_tasks\":10.0");

        assertThat(FAST.read(reordered.getBytes(StandardCharsets.UTF_8))).isNull();
        assertThat(VALIDATOR.validateEnvelope(reordered.getBytes(StandardCharsets.UTF_8)).isValid())
                .isTrue();
        assertThat(FAST.read(countAsDecimal.getBytes(StandardCharsets.UTF_8))).isNull();
        assertThat(FAST.read(null)).isNull();
        assertThat(FAST.read("{".getBytes(StandardCharsets.UTF_8))).isNull();
    }

    /**
     * Its parser does not check names for duplicates: a name repeated in the envelope, in the
     * record or at any depth of an object value is still never read, and the full validation
     * refuses it.
     */
    @Test
    void aNameRepeatedAtAnyDepthIsNeverRead() {
        String record =
                new String(
                        bytes(envelope("session.upserted", Items.fullSession())),
                        StandardCharsets.UTF_8);
        assertThat(FAST.read(record.getBytes(StandardCharsets.UTF_8))).isNotNull();
        List<String> repeated =
                List.of(
                        record.replace("\"type\":", "\"type\":\"session.upserted\",\"type\":"),
                        record.replaceFirst("}$", ",\"data\":{}}"),
                        record.replace("\"title\":", "\"title\":\"t\",\"title\":"),
                        record.replace("\"user_id\":", "\"user_id\":null,\"user_id\":"),
                        record.replace("\"metadata\":{", "\"metadata\":{\"k\":1,\"k\":2,"),
                        record.replace("\"metadata\":{", "\"metadata\":{\"o\":{\"k\":1,\"k\":1},"));

        for (String text : repeated) {
            assertThat(text).as("the edit applies").isNotEqualTo(record);
            byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
            assertThat(FAST.read(bytes)).as(text).isNull();
            assertThat(VALIDATOR.validateEnvelope(bytes).isValid()).as(text).isFalse();
        }
    }

    @Test
    void theContractsOwnItemsAreReadInOnePassAndEqualTheFullValidation() {
        assertItemReadInOnePass(Items.session(), EventType.SESSION_UPSERTED);
        assertItemReadInOnePass(Items.fullSession(), EventType.SESSION_UPSERTED);
        assertItemReadInOnePass(Items.task(), EventType.TASK_UPSERTED);
    }

    /**
     * ingest-api's items, read as trees the way its batch reader reads them: whatever the one-pass
     * read of an item accepts, the full validation accepts as the same record.
     */
    @Test
    void whateverItAcceptsAmongManyItemMutationsTheFullValidationAcceptsAsTheSameRecord() {
        Random random = new Random(13);
        int accepted = 0;
        int rejectedByBoth = 0;
        for (int i = 0; i < 20_000; i++) {
            boolean session = random.nextBoolean();
            ObjectNode item = session ? Items.fullSession() : Items.task();
            String[] fields = session ? SESSION_FIELDS : TASK_FIELDS;
            for (int e = 1 + random.nextInt(3); e > 0; e--) {
                if (random.nextInt(4) < 3) {
                    item.set(fields[random.nextInt(fields.length)], value(random));
                } else {
                    item.remove(fields[random.nextInt(fields.length)]);
                }
            }
            JsonNode posted;
            try {
                posted = asPosted(item);
            } catch (tools.jackson.core.JacksonException unreadable) {
                // A name with an unpaired surrogate: ingest-api refuses the body before any item
                // is validated.
                continue;
            }
            EventType type = session ? EventType.SESSION_UPSERTED : EventType.TASK_UPSERTED;
            EventData fast = FAST.record(posted, type);
            Validation<? extends EventData> full =
                    VALIDATOR.validateRecordFully(posted, type, type.dataType());
            if (fast != null) {
                accepted++;
                assertThat(full.errors()).as(posted.toString()).isEmpty();
                assertThat(fast).as(posted.toString()).isEqualTo(full.value());
            } else if (!full.isValid()) {
                rejectedByBoth++;
            }
        }
        assertThat(accepted).as("mutations read in one pass").isGreaterThan(1000);
        assertThat(rejectedByBoth).as("invalid mutations").isGreaterThan(1000);
    }

    @Test
    void itemsItDoesNotReadAreLeftToTheFullValidation() {
        JsonNode countAsDecimal =
                asPosted(Items.fullSession().put("total_tasks", new java.math.BigDecimal("10.0")));
        JsonNode unknownField = asPosted(Items.task().put("priority", 1));

        assertThat(FAST.record(countAsDecimal, EventType.SESSION_UPSERTED)).isNull();
        assertThat(VALIDATOR.validateSession(countAsDecimal).value().totalTasks()).isEqualTo(10);
        assertThat(FAST.record(unknownField, EventType.TASK_UPSERTED)).isNull();
        assertThat(VALIDATOR.validateTask(unknownField).errors())
                .extracting(FieldError::field)
                .containsExactly("priority");
        assertThat(FAST.record(asPosted(Items.task()), EventType.SESSION_UPSERTED)).isNull();
        assertThat(FAST.record(ContractJson.MAPPER.readTree("[]"), EventType.TASK_UPSERTED))
                .isNull();
        assertThat(FAST.record(null, EventType.TASK_UPSERTED)).isNull();
    }

    private static void assertItemReadInOnePass(ObjectNode item, EventType type) {
        JsonNode posted = asPosted(item);
        EventData fast = FAST.record(posted, type);
        assertThat(fast).as(posted.toString()).isNotNull();
        assertThat(fast)
                .isEqualTo(VALIDATOR.validateRecordFully(posted, type, type.dataType()).value());
    }

    /** The item as ingest-api's batch reader has it: its JSON text read back as a tree. */
    private static JsonNode asPosted(JsonNode item) {
        try (tools.jackson.core.JsonParser parser =
                ContractJson.parser(new java.io.ByteArrayInputStream(bytes(item)))) {
            parser.nextToken();
            return ContractJson.readValue(parser);
        }
    }

    /** Bytes that are not UTF-8, or a NUL byte, in a text field: neither reader may decode them. */
    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(
            strings = {"c0af", "e080af", "eda080", "f4908080", "80", "e282", "ff", "00"})
    void recordsThatAreNotUtf8JsonTextAreLeftToTheFullValidationWhichRefusesThem(String hex) {
        byte[] valid = bytes(envelope("session.upserted", Items.fullSession()));
        String text = new String(valid, StandardCharsets.ISO_8859_1);
        int at = text.indexOf("\"title\":\"") + "\"title\":\"".length();
        byte[] bad = java.util.HexFormat.of().parseHex(hex);
        byte[] record = new byte[valid.length + bad.length];
        System.arraycopy(valid, 0, record, 0, at);
        System.arraycopy(bad, 0, record, at, bad.length);
        System.arraycopy(valid, at, record, at + bad.length, valid.length - at);

        assertThat(FAST.read(valid)).isNotNull();
        assertThat(FAST.read(record)).isNull();
        assertThat(VALIDATOR.validateEnvelope(record).isValid()).isFalse();
    }

    /**
     * The hand-written shape checks agree with the contract's own patterns, read from its schema
     * files: a pattern changed there and not in the reader fails here.
     */
    @Test
    void theShapeChecksAgreeWithTheContractsPatterns() {
        Pattern timestamp =
                Pattern.compile(
                        VALIDATOR
                                .document("common.v1.json")
                                .at("/$defs/timestamp/pattern")
                                .asString());
        Pattern uuid =
                Pattern.compile(
                        VALIDATOR
                                .document("envelope.v1.json")
                                .at("/properties/event_id/pattern")
                                .asString());
        Random random = new Random(11);
        String[] timestamps = {
            "2026-03-01T10:00:00Z", "2026-03-01t10:00:00.123456+02:00", "2026-03-01T10:00:00.1z"
        };
        String[] uuids = {
            "4f1c2a9e-7b3d-4c5e-9f10-2a3b4c5d6e7f", "4F1C2A9E-7B3D-4C5E-9F10-2A3B4C5D6E7F"
        };
        String noise = "0123456789-:.TtZz+ aFgG\u0660";
        int matched = 0;
        for (int i = 0; i < 200_000; i++) {
            StringBuilder text =
                    new StringBuilder(
                            i % 2 == 0
                                    ? timestamps[random.nextInt(timestamps.length)]
                                    : uuids[random.nextInt(uuids.length)]);
            for (int edit = random.nextInt(3); edit > 0; edit--) {
                int at = random.nextInt(text.length() + 1);
                switch (random.nextInt(3)) {
                    case 0 -> text.insert(at, noise.charAt(random.nextInt(noise.length())));
                    case 1 -> {
                        if (at < text.length()) {
                            text.deleteCharAt(at);
                        }
                    }
                    default -> {
                        if (at < text.length()) {
                            text.setCharAt(at, noise.charAt(random.nextInt(noise.length())));
                        }
                    }
                }
            }
            String candidate = text.toString();
            boolean expected =
                    i % 2 == 0
                            ? timestamp.matcher(candidate).matches()
                            : uuid.matcher(candidate).matches();
            boolean actual =
                    i % 2 == 0
                            ? StorableTimestamps.hasShape(candidate)
                            : FastRecordReader.hasUuidShape(candidate);
            assertThat(actual).as(candidate).isEqualTo(expected);
            matched += expected ? 1 : 0;
        }
        assertThat(matched).isGreaterThan(20_000);
    }

    private static JsonNode value(Random random) {
        return ContractJson.MAPPER.readTree(VALUES[random.nextInt(VALUES.length)]);
    }

    private static ObjectNode envelope(String type, JsonNode data) {
        return Items.envelope(type, data);
    }

    private static byte[] bytes(JsonNode node) {
        return Items.bytes(node);
    }
}
