package com.translation.pipeline.schema.event;

import com.translation.pipeline.schema.event.FieldError.Reason;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The limits of one record type that JSON Schema cannot express, read from the schema's own {@code
 * x-} keywords and {@code format: date-time}, so the schema file stays the one source: UTF-8 size
 * of strings, depth and serialized size of JSON objects, and timestamps that must be real instants
 * storable as DATETIME(6). Every field, whatever its schema, must also come back from the database
 * as sent ({@link ExactValues}): whole Unicode text, and numbers the database stores exactly.
 */
final class ContractRules {

    /** The contract's own keywords in the schema files, which this class enforces. */
    static final List<String> KEYWORDS =
            List.of("x-max-utf8-bytes", "x-max-depth", "x-max-json-bytes", "x-precision");

    private final List<FieldRule> fields;
    private final Set<String> recordFields;
    private final Set<String> timestampFields;

    private ContractRules(List<FieldRule> fields, Set<String> recordFields) {
        this.fields = List.copyOf(fields);
        this.recordFields = Set.copyOf(recordFields);
        Set<String> timestamps = new java.util.LinkedHashSet<>();
        fields.stream().filter(rule -> rule.timestamp).forEach(rule -> timestamps.add(rule.name));
        this.timestampFields = java.util.Collections.unmodifiableSet(timestamps);
    }

    /** Reads the rules of every property of {@code schema}, following {@code $ref}s. */
    static ContractRules of(String document, Function<String, JsonNode> documents) {
        return of(document, documents, Set.of());
    }

    /**
     * As {@link #of(String, Function)}, for a document whose {@code recordFields} hold records that
     * their own rules check (the envelope's {@code data}).
     */
    static ContractRules of(
            String document, Function<String, JsonNode> documents, Set<String> recordFields) {
        List<FieldRule> fields = new ArrayList<>();
        documents
                .apply(document)
                .path("properties")
                .properties()
                .forEach(
                        property -> {
                            FieldRule rule = new FieldRule(property.getKey());
                            rule.collect(property.getValue(), document, documents);
                            if (rule.hasChecks()) {
                                fields.add(rule);
                            }
                        });
        return new ContractRules(fields, recordFields);
    }

    /**
     * The names of the top-level fields whose schema is {@code format: date-time}, in the schema's
     * order; read once, as ingest-api asks for them with every item.
     */
    Set<String> timestampFields() {
        return timestampFields;
    }

    /**
     * The integer fields of {@code record} whose number is beyond 64 bits (such as {@code 1e400} or
     * {@code 1e19}), with their errors under {@code prefix}. The JSON Schema library cannot compare
     * such a number with a bound (it fails rather than answer), so these fields are taken out
     * before the schema is checked.
     */
    Map<String, FieldError> unreadableNumbers(JsonNode record, String prefix) {
        Map<String, FieldError> errors = new java.util.LinkedHashMap<>();
        if (!(record instanceof ObjectNode object)) {
            return errors;
        }
        for (FieldRule rule : fields) {
            JsonNode value = object.get(rule.name);
            if (rule.integer && value != null && value.isNumber() && beyondLong(value)) {
                String field = prefix + rule.name;
                errors.put(
                        field,
                        new FieldError(
                                field, Reason.OUT_OF_RANGE, "must be a whole number" + rule.range));
            }
        }
        return errors;
    }

    private static final java.math.BigDecimal LONG_MAX =
            java.math.BigDecimal.valueOf(Long.MAX_VALUE);

    /** Whether a number's magnitude is beyond a long, without building it digit by digit. */
    private static boolean beyondLong(JsonNode number) {
        if (number.isInt() || number.isLong() || number.isShort()) {
            return false;
        }
        if (number.isBigInteger()) {
            return number.bigIntegerValue().bitLength() > 63;
        }
        if (number.isBigDecimal()) {
            java.math.BigDecimal value = number.decimalValue();
            return value.precision() - value.scale() > 19 || value.abs().compareTo(LONG_MAX) > 0;
        }
        double value = number.doubleValue();
        return !Double.isFinite(value) || Math.abs(value) >= 9.2e18;
    }

    /**
     * Checks the fields of {@code record} that have no error yet, adding errors under {@code
     * prefix}.
     */
    void check(JsonNode record, String prefix, Map<String, FieldError> errors) {
        if (!(record instanceof ObjectNode object)) {
            return;
        }
        for (Map.Entry<String, JsonNode> property : object.properties()) {
            if (recordFields.contains(property.getKey())) {
                continue;
            }
            String field = prefix + property.getKey();
            String problem =
                    errors.containsKey(field) ? null : ExactValues.problem(property.getValue());
            if (problem != null) {
                errors.put(field, new FieldError(field, Reason.INVALID_VALUE, problem));
            }
        }
        for (FieldRule rule : fields) {
            JsonNode value = object.get(rule.name);
            String field = prefix + rule.name;
            if (value == null || value.isNull() || errors.containsKey(field)) {
                continue;
            }
            FieldError error = rule.check(value, field);
            if (error != null) {
                errors.put(field, error);
            }
        }
    }

    private static final class FieldRule {
        private final String name;
        private Integer maxUtf8Bytes;
        private Integer maxDepth;
        private Integer maxJsonBytes;
        private boolean timestamp;
        private boolean integer;
        private String range = "";

        private FieldRule(String name) {
            this.name = name;
        }

        private void collect(
                JsonNode schema, String document, Function<String, JsonNode> documents) {
            JsonNode ref = schema.get("$ref");
            if (ref != null) {
                String[] parts = ref.asString().split("#", 2);
                String target = parts[0].isEmpty() ? document : parts[0];
                String pointer = parts.length > 1 ? parts[1] : "";
                collect(documents.apply(target).at(pointer), target, documents);
            }
            if (schema.has("x-max-utf8-bytes")) {
                maxUtf8Bytes = schema.get("x-max-utf8-bytes").asInt();
            }
            if (schema.has("x-max-depth")) {
                maxDepth = schema.get("x-max-depth").asInt();
            }
            if (schema.has("x-max-json-bytes")) {
                maxJsonBytes = schema.get("x-max-json-bytes").asInt();
            }
            if ("date-time".equals(schema.path("format").asString(""))) {
                timestamp = true;
            }
            JsonNode type = schema.path("type");
            if ("integer".equals(type.asString(""))
                    || (type.isArray()
                            && type.valueStream().anyMatch(t -> "integer".equals(t.asString())))) {
                integer = true;
            }
            if (schema.has("minimum") && schema.has("maximum")) {
                range = " from " + schema.get("minimum") + " to " + schema.get("maximum");
            }
            for (String combinator : List.of("anyOf", "oneOf", "allOf")) {
                schema.path(combinator).forEach(branch -> collect(branch, document, documents));
            }
        }

        private boolean hasChecks() {
            return maxUtf8Bytes != null
                    || maxDepth != null
                    || maxJsonBytes != null
                    || timestamp
                    || integer;
        }

        private FieldError check(JsonNode value, String field) {
            if (maxUtf8Bytes != null && value.isString()) {
                if (JsonMeasures.utf8Length(value.asString()) > maxUtf8Bytes) {
                    return new FieldError(
                            field,
                            Reason.TOO_LONG,
                            "must be at most " + maxUtf8Bytes + " bytes in UTF-8");
                }
            }
            if (maxDepth != null && value.isContainer() && JsonMeasures.depth(value) > maxDepth) {
                return new FieldError(
                        field, Reason.TOO_DEEP, "must be nested at most " + maxDepth + " levels");
            }
            if (maxJsonBytes != null
                    && value.isContainer()
                    && JsonMeasures.jsonBytes(value, maxJsonBytes) > maxJsonBytes) {
                return new FieldError(
                        field,
                        Reason.TOO_LARGE,
                        "must be at most " + maxJsonBytes + " bytes as JSON");
            }
            if (timestamp && value.isString()) {
                return checkTimestamp(value.asString(), field);
            }
            return null;
        }

        private static FieldError checkTimestamp(String text, String field) {
            Instant instant;
            try {
                instant = Rfc3339.parse(text);
            } catch (DateTimeException e) {
                return new FieldError(
                        field,
                        Reason.INVALID_TIMESTAMP,
                        "must be an RFC 3339 timestamp with an offset, e.g."
                                + " 2026-03-01T12:00:00.123456Z");
            }
            try {
                StorableTimestamps.checkRange(instant);
            } catch (DateTimeException e) {
                return new FieldError(field, Reason.OUT_OF_RANGE, e.getMessage());
            }
            return null;
        }
    }
}
