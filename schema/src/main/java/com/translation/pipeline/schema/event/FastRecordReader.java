package com.translation.pipeline.schema.event;

import java.time.DateTimeException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.regex.Pattern;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.JsonNode;

/**
 * Reads an envelope in one streaming pass, checking each field against the same schema files as
 * {@link EventValidator} as it goes: the cost of a parse, not of a tree and a generic schema walk.
 *
 * <p>It only ever <em>accepts</em>: for a value it reads, the full validator accepts the same bytes
 * and builds an equal {@link EventEnvelope}. Anything it is not sure of (a field out of the usual
 * order, a construct of the schema it does not interpret, any invalid value) makes it answer null,
 * and the caller asks the full validator, which stays the one verdict and gives the reasons. The
 * rules are read from the schema files at start; a schema keyword this class does not know makes it
 * leave that record type to the full validator entirely, so the files stay the one source.
 */
final class FastRecordReader {

    /** A field of a record as the schema describes it. */
    private record FieldSpec(
            String name,
            int index,
            Set<String> types,
            Integer minLength,
            Integer maxLength,
            Integer maxUtf8Bytes,
            Pattern pattern,
            Set<String> values,
            Long minimum,
            Long maximum,
            boolean timestamp,
            Integer maxDepth,
            Integer maxJsonBytes) {}

    /** A record type's fields, or null when the schema uses something this class cannot check. */
    private record RecordSpec(Map<String, FieldSpec> fields, Set<String> required) {

        /** The value of field {@code name} among {@code values}; null when absent or null. */
        Object get(Object[] values, String name) {
            Object value = values[fields.get(name).index()];
            return value == ABSENT ? null : value;
        }
    }

    /** Marks a field not (yet) read. */
    private static final Object ABSENT = new Object();

    private static final Set<String> KNOWN_KEYWORDS =
            Set.of(
                    "$ref",
                    "type",
                    "minLength",
                    "maxLength",
                    "pattern",
                    "enum",
                    "minimum",
                    "maximum",
                    "format",
                    "anyOf",
                    // Annotations (JSON Schema's meta-data vocabulary): they validate nothing.
                    "description",
                    "title",
                    "examples",
                    "x-max-utf8-bytes",
                    "x-max-depth",
                    "x-max-json-bytes",
                    "x-precision");
    private final Map<EventType, RecordSpec> records = new HashMap<>();

    FastRecordReader(Function<String, JsonNode> documents) {
        RecordSpec session = spec(EventValidator.SESSION, documents);
        RecordSpec task = spec(EventValidator.TASK, documents);
        if (session != null) {
            records.put(EventType.SESSION_UPSERTED, session);
        }
        if (task != null) {
            records.put(EventType.TASK_UPSERTED, task);
        }
    }

    /**
     * The envelope in {@code value}, when it is valid beyond doubt and in the order the contract's
     * writers use (schema_version, event_id, type, occurred_at, data); null otherwise.
     */
    EventEnvelope read(byte[] value) {
        if (value == null
                || value.length > EventEnvelope.MAX_EVENT_BYTES
                || !Utf8.isJsonText(value)) {
            return null;
        }
        // Names are not checked for duplicates by the parser: the envelope's are read in a fixed
        // order and a record's fill one slot each, so a repeated one is refused here anyway; an
        // object value is read again by the strict parser (objectAt). The parser's duplicate check
        // was a set of names per object, 9 % of what the worker allocated in a drain.
        try (JsonParser parser = ContractJson.parserWithoutDuplicateCheck(value)) {
            return envelope(parser, value);
        } catch (RuntimeException e) {
            // Jackson's, or a value this reader does not know: the full validation decides, so a
            // fault here can cost time but never a valid record.
            return null;
        }
    }

    private EventEnvelope envelope(JsonParser parser, byte[] source) {
        if (parser.nextToken() != JsonToken.START_OBJECT
                || !name(parser, "schema_version")
                || parser.nextToken() != JsonToken.VALUE_NUMBER_INT
                || parser.getNumberType() != JsonParser.NumberType.INT
                || parser.getIntValue() != EventEnvelope.SCHEMA_VERSION
                || !name(parser, "event_id")
                || parser.nextToken() != JsonToken.VALUE_STRING) {
            return null;
        }
        String eventId = parser.getString();
        if (!hasUuidShape(eventId)
                || !name(parser, "type")
                || parser.nextToken() != JsonToken.VALUE_STRING) {
            return null;
        }
        EventType type = EventType.fromWireName(parser.getString());
        RecordSpec spec = type == null ? null : records.get(type);
        if (spec == null
                || !name(parser, "occurred_at")
                || parser.nextToken() != JsonToken.VALUE_STRING) {
            return null;
        }
        Instant occurredAt = timestamp(parser.getString());
        if (occurredAt == null
                || !name(parser, "data")
                || parser.nextToken() != JsonToken.START_OBJECT) {
            return null;
        }
        EventData data = record(parser, type, spec, source);
        if (data == null
                || parser.nextToken() != JsonToken.END_OBJECT
                || parser.nextToken() != null) {
            return null;
        }
        return new EventEnvelope(
                EventEnvelope.SCHEMA_VERSION, UUID.fromString(eventId), type, occurredAt, data);
    }

    /** Reads the record's fields; null unless every one is valid beyond doubt. */
    private EventData record(JsonParser parser, EventType type, RecordSpec spec, byte[] source) {
        Object[] values = new Object[spec.fields().size()];
        Arrays.fill(values, ABSENT);
        while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
            FieldSpec field = spec.fields().get(parser.currentName());
            if (field == null || values[field.index()] != ABSENT) {
                return null;
            }
            JsonToken token = parser.nextToken();
            Object value = value(parser, token, field, source);
            if (value == Invalid.VALUE) {
                return null;
            }
            values[field.index()] = value;
        }
        return complete(type, spec, values);
    }

    /**
     * A batch item posted to ingest-api, already read as a tree ({@code item}), as a record of
     * {@code type} when it is valid beyond doubt; null otherwise, and the full validation decides.
     * The same checks as {@link #read(byte[])}'s on a record's fields, in any order: a tree holds
     * no duplicate field, and a number is an int only when it was written as one within int's
     * range.
     */
    EventData record(JsonNode item, EventType type) {
        RecordSpec spec = records.get(type);
        if (spec == null || item == null || !item.isObject()) {
            return null;
        }
        try {
            Object[] values = new Object[spec.fields().size()];
            Arrays.fill(values, ABSENT);
            for (Map.Entry<String, JsonNode> property : item.properties()) {
                FieldSpec field = spec.fields().get(property.getKey());
                if (field == null) {
                    return null;
                }
                Object value = value(property.getValue(), field);
                if (value == Invalid.VALUE) {
                    return null;
                }
                values[field.index()] = value;
            }
            return complete(type, spec, values);
        } catch (RuntimeException e) {
            // A value this reader does not know: the full validation decides.
            return null;
        }
    }

    /** The record of {@code values} once every required field holds one; null otherwise. */
    private static EventData complete(EventType type, RecordSpec spec, Object[] values) {
        for (String required : spec.required()) {
            if (spec.get(values, required) == null) {
                return null;
            }
        }
        return type == EventType.SESSION_UPSERTED ? session(spec, values) : task(spec, values);
    }

    /** {@link #value(JsonParser, JsonToken, FieldSpec)} for a value of a tree. */
    private static Object value(JsonNode node, FieldSpec field) {
        if (node.isNull()) {
            return field.types().contains("null") ? null : Invalid.VALUE;
        }
        if (node.isString()) {
            return field.types().contains("string")
                    ? string(node.asString(), field)
                    : Invalid.VALUE;
        }
        if (node.isInt()) {
            if (!field.types().contains("integer")) {
                return Invalid.VALUE;
            }
            long number = node.intValue();
            return (field.minimum() == null || number >= field.minimum())
                            && (field.maximum() == null || number <= field.maximum())
                    ? (Object) (int) number
                    : Invalid.VALUE;
        }
        if (node.isObject()) {
            return field.types().contains("object") ? object(node, field) : Invalid.VALUE;
        }
        return Invalid.VALUE;
    }

    /** Marks a value this class is not sure of. */
    private enum Invalid {
        VALUE
    }

    private Object value(JsonParser parser, JsonToken token, FieldSpec field, byte[] source) {
        switch (token) {
            case VALUE_NULL:
                return field.types().contains("null") ? null : Invalid.VALUE;
            case VALUE_STRING:
                return field.types().contains("string")
                        ? string(parser.getString(), field)
                        : Invalid.VALUE;
            case VALUE_NUMBER_INT:
                if (!field.types().contains("integer")
                        || parser.getNumberType() != JsonParser.NumberType.INT) {
                    return Invalid.VALUE;
                }
                long number = parser.getIntValue();
                return (field.minimum() == null || number >= field.minimum())
                                && (field.maximum() == null || number <= field.maximum())
                        ? (Object) (int) number
                        : Invalid.VALUE;
            case START_OBJECT:
                if (!field.types().contains("object")) {
                    return Invalid.VALUE;
                }
                return object(objectAt(parser, source), field);
            default:
                return Invalid.VALUE;
        }
    }

    /**
     * The object value that starts at the parser's current token, read again from its bytes in
     * {@code source} by the contract's strict parser, which refuses a name repeated at any depth;
     * the parser is left on the object's end.
     *
     * @throws IllegalStateException when the parser's offsets do not frame an object (the caller
     *     then leaves the record to the full validation)
     */
    private static JsonNode objectAt(JsonParser parser, byte[] source) {
        long start = parser.currentTokenLocation().getByteOffset();
        parser.skipChildren();
        long end = parser.currentLocation().getByteOffset();
        if (start < 0
                || end > source.length
                || source[(int) start] != '{'
                || source[(int) end - 1] != '}') {
            throw new IllegalStateException("the object's bytes are not where the parser says");
        }
        return ContractJson.readValue(source, (int) start, (int) (end - start));
    }

    private static Object string(String text, FieldSpec field) {
        if (field.timestamp()) {
            Instant instant = timestamp(text);
            return instant == null ? Invalid.VALUE : instant;
        }
        if (ExactValues.stringProblem(text) != null) {
            return Invalid.VALUE;
        }
        int codePoints = text.codePointCount(0, text.length());
        if ((field.minLength() != null && codePoints < field.minLength())
                || (field.maxLength() != null && codePoints > field.maxLength())
                || (field.maxUtf8Bytes() != null
                        && (long) text.length() * 3 > field.maxUtf8Bytes()
                        && JsonMeasures.utf8Length(text) > field.maxUtf8Bytes())
                || (field.values() != null && !field.values().contains(text))) {
            return Invalid.VALUE;
        }
        if (field.pattern() != null
                && (hasLineTerminator(text) || !field.pattern().matcher(text).find())) {
            return Invalid.VALUE;
        }
        return text;
    }

    private static Object object(JsonNode object, FieldSpec field) {
        if (field.maxDepth() != null && JsonMeasures.depth(object) > field.maxDepth()) {
            return Invalid.VALUE;
        }
        if (field.maxJsonBytes() != null
                && JsonMeasures.jsonBytes(object, field.maxJsonBytes()) > field.maxJsonBytes()) {
            return Invalid.VALUE;
        }
        return ExactValues.problem(object) == null ? object : Invalid.VALUE;
    }

    /** A timestamp of the contract's exact shape and storable range; null otherwise. */
    private static Instant timestamp(String text) {
        try {
            return StorableTimestamps.parse(text);
        } catch (DateTimeException e) {
            return null;
        }
    }

    private static SessionData session(RecordSpec spec, Object[] v) {
        return new SessionData(
                (String) spec.get(v, "session_id"),
                (String) spec.get(v, "user_id"),
                SessionStatus.valueOf(((String) spec.get(v, "status")).toUpperCase(Locale.ROOT)),
                (String) spec.get(v, "source_language"),
                (String) spec.get(v, "target_language"),
                (String) spec.get(v, "title"),
                (Integer) spec.get(v, "total_tasks"),
                (Integer) spec.get(v, "completed_tasks"),
                (Integer) spec.get(v, "failed_tasks"),
                (JsonNode) spec.get(v, "metadata"),
                (Instant) spec.get(v, "created_at"),
                (Instant) spec.get(v, "updated_at"),
                (Instant) spec.get(v, "completed_at"));
    }

    private static TaskData task(RecordSpec spec, Object[] v) {
        return new TaskData(
                (String) spec.get(v, "task_id"),
                (String) spec.get(v, "session_id"),
                (Integer) spec.get(v, "sequence"),
                TaskStatus.valueOf(((String) spec.get(v, "status")).toUpperCase(Locale.ROOT)),
                (String) spec.get(v, "source_text"),
                (String) spec.get(v, "translated_text"),
                (String) spec.get(v, "error_message"),
                (Integer) spec.get(v, "retry_count"),
                (JsonNode) spec.get(v, "metadata"),
                (Instant) spec.get(v, "created_at"),
                (Instant) spec.get(v, "updated_at"),
                (Instant) spec.get(v, "completed_at"));
    }

    /** Whether {@code text} is a UUID in its 8-4-4-4-12 hexadecimal form, either case. */
    static boolean hasUuidShape(String text) {
        if (text.length() != 36) {
            return false;
        }
        for (int i = 0; i < 36; i++) {
            char c = text.charAt(i);
            boolean fits =
                    (i == 8 || i == 13 || i == 18 || i == 23)
                            ? c == '-'
                            : (c >= '0' && c <= '9')
                                    || (c >= 'a' && c <= 'f')
                                    || (c >= 'A' && c <= 'F');
            if (!fits) {
                return false;
            }
        }
        return true;
    }

    private static boolean name(JsonParser parser, String expected) {
        return parser.nextToken() == JsonToken.PROPERTY_NAME
                && expected.equals(parser.currentName());
    }

    private static boolean hasLineTerminator(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\n' || c == '\r' || c == '\u0085' || c == '\u2028' || c == '\u2029') {
                return true;
            }
        }
        return false;
    }

    /** The record type's field specs; null when the schema goes beyond what this class checks. */
    private static RecordSpec spec(String document, Function<String, JsonNode> documents) {
        JsonNode schema = documents.apply(document);
        if (!schema.path("additionalProperties").isBoolean()
                || schema.path("additionalProperties").asBoolean()) {
            return null;
        }
        Map<String, FieldSpec> fields = new HashMap<>();
        for (var property : schema.path("properties").properties()) {
            FieldSpec field =
                    field(
                            property.getKey(),
                            fields.size(),
                            property.getValue(),
                            document,
                            documents);
            if (field == null) {
                return null;
            }
            fields.put(property.getKey(), field);
        }
        Set<String> required = new HashSet<>();
        schema.path("required").forEach(name -> required.add(name.asString()));
        if (!fields.keySet().containsAll(required)) {
            return null;
        }
        return new RecordSpec(fields, required);
    }

    private static FieldSpec field(
            String name,
            int index,
            JsonNode schema,
            String document,
            Function<String, JsonNode> documents) {
        Collector collector = new Collector();
        if (!collector.collect(schema, document, documents, false)) {
            return null;
        }
        return collector.field(name, index);
    }

    /** Gathers a property's keywords, following $ref and an anyOf of null and one branch. */
    private static final class Collector {
        private final Set<String> types = new HashSet<>();
        private Integer minLength;
        private Integer maxLength;
        private Integer maxUtf8Bytes;
        private Pattern pattern;
        private Set<String> values;
        private Long minimum;
        private Long maximum;
        private boolean timestamp;
        private Integer maxDepth;
        private Integer maxJsonBytes;

        boolean collect(
                JsonNode schema,
                String document,
                Function<String, JsonNode> documents,
                boolean inAnyOf) {
            for (var keyword : schema.properties()) {
                if (!KNOWN_KEYWORDS.contains(keyword.getKey())) {
                    return false;
                }
            }
            if (schema.has("$ref")) {
                String[] parts = schema.get("$ref").asString().split("#", 2);
                String target = parts[0].isEmpty() ? document : parts[0];
                JsonNode referenced = documents.apply(target).at(parts.length > 1 ? parts[1] : "");
                if (referenced.isMissingNode()
                        || !collect(referenced, target, documents, inAnyOf)) {
                    return false;
                }
            }
            JsonNode type = schema.get("type");
            if (type != null) {
                if (type.isString()) {
                    types.add(type.asString());
                } else {
                    type.forEach(t -> types.add(t.asString()));
                }
            }
            if (schema.has("enum")) {
                values = new HashSet<>();
                for (JsonNode value : schema.get("enum")) {
                    if (!value.isString()) {
                        return false;
                    }
                    values.add(value.asString());
                }
                if (type == null) {
                    types.add("string");
                }
            }
            minLength = integer(schema, "minLength", minLength);
            maxLength = integer(schema, "maxLength", maxLength);
            maxUtf8Bytes = integer(schema, "x-max-utf8-bytes", maxUtf8Bytes);
            maxDepth = integer(schema, "x-max-depth", maxDepth);
            maxJsonBytes = integer(schema, "x-max-json-bytes", maxJsonBytes);
            if (schema.has("minimum")) {
                minimum = schema.get("minimum").asLong();
            }
            if (schema.has("maximum")) {
                maximum = schema.get("maximum").asLong();
            }
            if (schema.has("pattern")) {
                pattern = Pattern.compile(schema.get("pattern").asString());
            }
            if (schema.has("format")) {
                if (!"date-time".equals(schema.get("format").asString())) {
                    return false;
                }
                timestamp = true;
            }
            if (schema.has("anyOf")) {
                if (inAnyOf) {
                    return false;
                }
                List<JsonNode> branches = new ArrayList<>();
                schema.get("anyOf").forEach(branches::add);
                for (JsonNode branch : branches) {
                    if (branch.size() == 1 && "null".equals(branch.path("type").asString(""))) {
                        types.add("null");
                    } else if (!collect(branch, document, documents, true)) {
                        return false;
                    }
                }
            }
            return true;
        }

        FieldSpec field(String name, int index) {
            if (types.isEmpty()
                    || (timestamp
                            && !types.equals(Set.of("string"))
                            && !types.equals(Set.of("string", "null")))) {
                return null;
            }
            return new FieldSpec(
                    name,
                    index,
                    Set.copyOf(types),
                    minLength,
                    maxLength,
                    maxUtf8Bytes,
                    pattern,
                    values == null ? null : Set.copyOf(values),
                    minimum,
                    maximum,
                    timestamp,
                    maxDepth,
                    maxJsonBytes);
        }

        private static Integer integer(JsonNode schema, String keyword, Integer current) {
            if (schema.has(keyword)) {
                return schema.get(keyword).asInt();
            }
            return current;
        }
    }
}
