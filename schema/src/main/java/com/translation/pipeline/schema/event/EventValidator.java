package com.translation.pipeline.schema.event;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.dialect.Dialect;
import com.networknt.schema.dialect.Dialects;
import com.networknt.schema.keyword.AnnotationKeyword;
import com.networknt.schema.path.NodePath;
import com.translation.pipeline.schema.event.FieldError.Reason;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.TokenStreamContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The one validator of the event contract. ingest-api validates each posted item with {@link
 * #validateSession} or {@link #validateTask}; writer-worker validates each Kafka record with {@link
 * #validateEnvelope}, whose schema refers to the same record schemas, so the API and the worker
 * cannot disagree about what is valid. Thread-safe; create one per process.
 */
public final class EventValidator {

    static final String SCHEMA_BASE = "https://translation-pipeline.dev/schema/";
    static final String ENVELOPE = "envelope.v1.json";
    static final String SESSION = "session.v1.json";
    static final String TASK = "task.v1.json";

    private final Map<String, JsonNode> documents = new ConcurrentHashMap<>();
    private final Schema envelopeSchema;
    private final Map<EventType, RecordContract> records = new LinkedHashMap<>();
    private final ContractRules envelopeRules;
    private final FastRecordReader fast;

    private EventValidator() {
        // Draft 2020-12 that knows the contract's x- keywords as annotations: ContractRules
        // enforces them, and the validator no longer warns that it does not know them.
        Dialect dialect =
                Dialect.builder(Dialects.getDraft202012())
                        .keywords(
                                ContractRules.KEYWORDS.stream()
                                        .map(AnnotationKeyword::new)
                                        .toList())
                        .build();
        SchemaRegistry registry =
                SchemaRegistry.withDefaultDialect(
                        dialect,
                        builder ->
                                builder.schemaIdResolvers(
                                        resolvers ->
                                                resolvers.mapPrefix(
                                                        SCHEMA_BASE, "classpath:schema/")));
        envelopeSchema = registry.getSchema(SchemaLocation.of(SCHEMA_BASE + ENVELOPE));
        envelopeRules = ContractRules.of(ENVELOPE, this::document, Set.of("data"));
        records.put(EventType.SESSION_UPSERTED, RecordContract.load(registry, SESSION, this));
        records.put(EventType.TASK_UPSERTED, RecordContract.load(registry, TASK, this));
        fast = new FastRecordReader(this::document);
    }

    public static EventValidator create() {
        return new EventValidator();
    }

    /** Validates one item of a session batch (the {@code data} of a session event). */
    public Validation<SessionData> validateSession(JsonNode item) {
        return validateRecord(item, EventType.SESSION_UPSERTED, SessionData.class);
    }

    /** Validates one item of a task batch (the {@code data} of a task event). */
    public Validation<TaskData> validateTask(JsonNode item) {
        return validateRecord(item, EventType.TASK_UPSERTED, TaskData.class);
    }

    /**
     * The fields of a record type that hold timestamps, as its schema file says ({@code format:
     * date-time}, directly, through {@code $ref} or in one branch of {@code anyOf}).
     *
     * @param type the record's event type
     * @return the field names, in the schema's order; for sessions and tasks {@code created_at},
     *     {@code updated_at}, {@code completed_at}
     */
    public Set<String> timestampFields(EventType type) {
        return records.get(type).rules.timestampFields();
    }

    /**
     * Validates the value of a Kafka record, whoever produced it. It never throws: whatever a
     * record holds, it is valid or invalid with reasons. A record in the shape the contract's
     * writers produce is read in one pass ({@link FastRecordReader}, which only ever accepts what
     * the full validation accepts); anything else, and every invalid record, is validated in full,
     * which gives the reasons.
     */
    public Validation<EventEnvelope> validateEnvelope(byte[] value) {
        try {
            EventEnvelope read = fast.read(value);
            if (read != null) {
                return Validation.valid(read);
            }
            return validateEnvelopeFully(value);
        } catch (RuntimeException e) {
            FieldError number = numberBeyondRange(value);
            if (number != null) {
                return Validation.invalid(List.of(number));
            }
            return Validation.invalid("", Reason.MALFORMED, "cannot be read: " + e.getMessage());
        }
    }

    /**
     * The first number of a record that no decimal holds, named by its field as ingest-api names it
     * ({@code data.total_tasks}; in metadata, {@code data.metadata}); null when there is none.
     */
    private static FieldError numberBeyondRange(byte[] value) {
        try (JsonParser parser = ContractJson.MAPPER.createParser(value)) {
            for (JsonToken token = parser.nextToken(); token != null; token = parser.nextToken()) {
                if (token.isNumeric()) {
                    try {
                        parser.getDecimalValue();
                    } catch (RuntimeException e) {
                        return FieldError.numberBeyondRange(fieldOf(parser.streamReadContext()));
                    }
                }
            }
        } catch (RuntimeException e) {
            // Not JSON in some other way: the caller says so.
        }
        return null;
    }

    /** A record's field at a parser position: the envelope's field, or data's field within it. */
    private static String fieldOf(TokenStreamContext context) {
        String[] path = context.pathAsPointer().toString().split("/");
        if (path.length > 2 && path[1].equals("data")) {
            return "data." + path[2];
        }
        return path.length > 1 ? path[1] : "";
    }

    /** The full validation of a record: JSON Schema, the contract's rules, typed binding. */
    Validation<EventEnvelope> validateEnvelopeFully(byte[] value) {
        if (value == null) {
            return Validation.invalid("", Reason.MALFORMED, "the record has no value");
        }
        if (value.length > EventEnvelope.MAX_EVENT_BYTES) {
            return Validation.invalid(
                    "",
                    Reason.TOO_LARGE,
                    "must be at most " + EventEnvelope.MAX_EVENT_BYTES + " bytes");
        }
        if (!Utf8.isJsonText(value)) {
            return Validation.invalid(
                    "", Reason.MALFORMED, "the value is not JSON text: not UTF-8, or a NUL byte");
        }
        JsonNode envelope;
        try {
            envelope = ContractJson.MAPPER.readTree(value);
        } catch (JacksonException e) {
            return Validation.invalid(
                    "", Reason.MALFORMED, "not valid JSON: " + e.getOriginalMessage());
        }
        EventType type = EventType.fromWireName(envelope.path("type").asString(""));
        JsonNode data = envelope.path("data");
        Map<String, FieldError> unreadable =
                type == null ? Map.of() : records.get(type).rules.unreadableNumbers(data, "");
        JsonNode checked = envelope;
        if (!unreadable.isEmpty() && envelope instanceof ObjectNode object) {
            ObjectNode copy = object.deepCopy();
            ((ObjectNode) copy.get("data")).remove(unreadable.keySet());
            checked = copy;
        }
        Map<String, FieldError> errors = schemaErrors(envelopeSchema, checked);
        unreadable
                .values()
                .forEach(
                        e ->
                                errors.put(
                                        "data." + e.field(),
                                        new FieldError(
                                                "data." + e.field(), e.reason(), e.message())));
        envelopeRules.check(envelope, "", errors);
        if (type != null) {
            records.get(type).rules.check(data, "data.", errors);
        }
        if (!errors.isEmpty()) {
            return Validation.invalid(new ArrayList<>(errors.values()));
        }
        try {
            return Validation.valid(
                    new EventEnvelope(
                            envelope.get("schema_version").asInt(),
                            UUID.fromString(envelope.get("event_id").asString()),
                            type,
                            Rfc3339.parse(envelope.get("occurred_at").asString()),
                            ContractJson.MAPPER.treeToValue(data, type.dataType())));
        } catch (JacksonException | IllegalArgumentException e) {
            return Validation.invalid("data", Reason.MALFORMED, e.getMessage());
        }
    }

    /**
     * An item read in one pass ({@link FastRecordReader#record(JsonNode, EventType)}, which only
     * ever accepts what the full validation accepts, as an equal record) or else validated in full,
     * which gives the reasons.
     */
    private <T extends EventData> Validation<T> validateRecord(
            JsonNode item, EventType type, Class<T> dataType) {
        EventData read = fast.record(item, type);
        if (read != null) {
            return Validation.valid(dataType.cast(read));
        }
        return validateRecordFully(item, type, dataType);
    }

    /** The full validation of a batch item: JSON Schema, the contract's rules, typed binding. */
    <T extends EventData> Validation<T> validateRecordFully(
            JsonNode item, EventType type, Class<T> dataType) {
        try {
            return validateRecordOrThrow(item, type, dataType);
        } catch (RuntimeException e) {
            return Validation.invalid("", Reason.MALFORMED, "cannot be read: " + e.getMessage());
        }
    }

    private <T extends EventData> Validation<T> validateRecordOrThrow(
            JsonNode item, EventType type, Class<T> dataType) {
        RecordContract contract = records.get(type);
        Map<String, FieldError> unreadable = contract.rules.unreadableNumbers(item, "");
        JsonNode checked = item;
        if (!unreadable.isEmpty() && item instanceof ObjectNode object) {
            checked = object.deepCopy().remove(unreadable.keySet());
        }
        Map<String, FieldError> errors = schemaErrors(contract.schema, checked);
        errors.putAll(unreadable);
        contract.rules.check(item, "", errors);
        if (!errors.isEmpty()) {
            return Validation.invalid(new ArrayList<>(errors.values()));
        }
        try {
            return Validation.valid(ContractJson.MAPPER.treeToValue(item, dataType));
        } catch (JacksonException e) {
            return Validation.invalid("", Reason.MALFORMED, e.getOriginalMessage());
        }
    }

    /**
     * Schema errors, one per field, in document order: the first, unless a later one says more. A
     * value that fails every branch of an {@code anyOf} gets an error from each ({@code
     * completed_at: "2026-03-01 10:00"} is not null, and not a timestamp); an error about the
     * value's content comes from a branch whose type it has, and is the one that helps.
     */
    private static Map<String, FieldError> schemaErrors(Schema schema, JsonNode node) {
        Map<String, FieldError> errors = new LinkedHashMap<>();
        for (Error error : schema.validate(node)) {
            FieldError fieldError = SchemaErrors.toFieldError(error);
            errors.merge(
                    fieldError.field(),
                    fieldError,
                    (first, later) ->
                            first.reason() == Reason.WRONG_TYPE
                                            && later.reason() != Reason.WRONG_TYPE
                                    ? later
                                    : first);
        }
        return errors;
    }

    JsonNode document(String name) {
        return documents.computeIfAbsent(name, EventValidator::readDocument);
    }

    private static JsonNode readDocument(String name) {
        try (InputStream in =
                EventValidator.class.getClassLoader().getResourceAsStream("schema/" + name)) {
            if (in == null) {
                throw new IllegalStateException("schema/" + name + " is not on the classpath");
            }
            return ContractJson.MAPPER.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The schema and the extra rules of one record type. */
    private record RecordContract(Schema schema, ContractRules rules) {
        static RecordContract load(SchemaRegistry registry, String document, EventValidator owner) {
            return new RecordContract(
                    registry.getSchema(SchemaLocation.of(SCHEMA_BASE + document)),
                    ContractRules.of(document, owner::document));
        }
    }

    /** Turns the schema library's errors into field errors with stable reasons. */
    static final class SchemaErrors {
        private SchemaErrors() {}

        static FieldError toFieldError(Error error) {
            String keyword = error.getKeyword() == null ? "" : error.getKeyword();
            String field = fieldName(error.getInstanceLocation());
            String property = error.getProperty();
            if (property != null
                    && ("required".equals(keyword) || "additionalProperties".equals(keyword))) {
                field = field.isEmpty() ? property : field + "." + property;
            }
            return switch (keyword) {
                case "required" -> new FieldError(field, Reason.MISSING, "is required");
                case "additionalProperties" ->
                        new FieldError(
                                field, Reason.UNKNOWN_FIELD, "is not a field of this record");
                case "type" ->
                        new FieldError(field, Reason.WRONG_TYPE, "must be " + expectedType(error));
                case "enum", "const" ->
                        new FieldError(
                                field, Reason.INVALID_VALUE, "must be one of " + allowed(error));
                case "pattern" -> patternError(error, field);
                case "maxLength" -> new FieldError(field, Reason.TOO_LONG, error.getMessage());
                case "minimum", "maximum" ->
                        new FieldError(field, Reason.OUT_OF_RANGE, error.getMessage());
                default -> new FieldError(field, Reason.INVALID_VALUE, error.getMessage());
            };
        }

        private static FieldError patternError(Error error, String field) {
            if (isTimestampSchema(error)) {
                return new FieldError(
                        field,
                        Reason.INVALID_TIMESTAMP,
                        "must be an RFC 3339 timestamp with an offset and at most 6 fractional"
                                + " digits, e.g. 2026-03-01T12:00:00.123456Z");
            }
            return new FieldError(field, Reason.INVALID_VALUE, error.getMessage());
        }

        /** Whether the failing keyword sits in a schema of {@code format: date-time}. */
        private static boolean isTimestampSchema(Error error) {
            String location = String.valueOf(error.getSchemaLocation());
            int hash = location.indexOf('#');
            int lastSlash = location.lastIndexOf('/');
            if (!location.startsWith(SCHEMA_BASE) || hash < 0 || lastSlash < hash) {
                return false;
            }
            String document = location.substring(SCHEMA_BASE.length(), hash);
            String parentPointer = location.substring(hash + 1, lastSlash);
            return "date-time"
                    .equals(readDocument(document).at(parentPointer).path("format").asString(""));
        }

        private static String expectedType(Error error) {
            Object[] arguments = error.getArguments();
            return arguments != null && arguments.length > 1
                    ? String.valueOf(arguments[1])
                    : "of another type";
        }

        private static String allowed(Error error) {
            JsonNode schemaNode = error.getSchemaNode();
            if (schemaNode != null && schemaNode.isArray()) {
                var values = new ArrayList<String>();
                schemaNode.forEach(value -> values.add(value.asString(value.toString())));
                return String.join(", ", values);
            }
            return schemaNode == null ? "the allowed values" : schemaNode.toString();
        }

        static String fieldName(NodePath path) {
            StringBuilder name = new StringBuilder();
            if (path == null) {
                return "";
            }
            for (int i = 0; i < path.getNameCount(); i++) {
                Object element = path.getElement(i);
                if (element instanceof Integer index) {
                    name.append('[').append(index).append(']');
                } else {
                    if (name.length() > 0) {
                        name.append('.');
                    }
                    name.append(element);
                }
            }
            return name.toString();
        }
    }
}
