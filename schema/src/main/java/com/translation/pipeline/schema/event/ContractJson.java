package com.translation.pipeline.schema.event;

import java.io.InputStream;
import java.time.Instant;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.cfg.DateTimeFeature;
import tools.jackson.databind.cfg.JsonNodeFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.module.SimpleModule;

/**
 * The contract's own JSON reading and writing: bounded parsing, duplicate keys rejected, numbers
 * with a fraction or exponent read exactly as {@link java.math.BigDecimal} (a double would already
 * alter some before any check), RFC 3339 dates read by {@link Rfc3339}. ingest-api reads its
 * request bodies with {@link #parser}, the worker its records with the same settings, so both see
 * the same values.
 */
public final class ContractJson {

    /** Deep enough for the envelope, a record and 16 levels of metadata, with room to spare. */
    static final int MAX_NESTING_DEPTH = 64;

    /** For one event record: at most {@link EventEnvelope#MAX_EVENT_BYTES}. */
    static final JsonMapper MAPPER = mapper(EventEnvelope.MAX_EVENT_BYTES);

    /**
     * For a document of many records, whose size its reader bounds; read value by value, so what
     * follows a value is the next one, not trailing garbage.
     */
    private static final JsonMapper DOCUMENTS =
            mapper(-1).rebuild().disable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).build();

    private static final ObjectReader NAMES_UNCHECKED =
            MAPPER.reader().without(StreamReadFeature.STRICT_DUPLICATE_DETECTION);

    private ContractJson() {}

    /**
     * A streaming parser of a document of records, such as a batch request, with the contract's
     * settings; no string may exceed {@link EventEnvelope#MAX_EVENT_BYTES} and nesting is bounded,
     * but the document's own size is the caller's to bound.
     */
    public static JsonParser parser(InputStream document) {
        return DOCUMENTS.createParser(document);
    }

    /**
     * Reads the value at the parser's current token as a tree (a JSON {@code null} as a null node),
     * leaving the parser on its last token.
     *
     * @throws JacksonException when the value is not valid JSON within the limits
     */
    public static JsonNode readValue(JsonParser parser) {
        JsonNode value = DOCUMENTS.readTree(parser);
        return value == null ? DOCUMENTS.nullNode() : value;
    }

    /**
     * A parser of one record ({@code value}) with the contract's settings except the check for
     * repeated names: for a reader that refuses a repeated name itself ({@link FastRecordReader}).
     */
    static JsonParser parserWithoutDuplicateCheck(byte[] value) {
        return NAMES_UNCHECKED.createParser(value);
    }

    /**
     * The JSON value of {@code length} bytes at {@code offset} in {@code source}, read as a tree as
     * {@link #readValue(JsonParser)} reads it (a name repeated at any depth refused).
     *
     * @throws JacksonException when those bytes are not one valid JSON value within the limits
     */
    static JsonNode readValue(byte[] source, int offset, int length) {
        return DOCUMENTS.readTree(source, offset, length);
    }

    static JsonNode nullIfJsonNull(JsonNode node) {
        return node == null || node.isNull() || node.isMissingNode() ? null : node;
    }

    private static JsonMapper mapper(long maxDocumentLength) {
        return JsonMapper.builder(
                        JsonFactory.builder()
                                .streamReadConstraints(
                                        StreamReadConstraints.builder()
                                                .maxNestingDepth(MAX_NESTING_DEPTH)
                                                .maxDocumentLength(maxDocumentLength)
                                                .maxStringLength(EventEnvelope.MAX_EVENT_BYTES)
                                                .build())
                                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                                .build())
                .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                .enable(JsonNodeFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
                .disable(DateTimeFeature.WRITE_DATES_AS_TIMESTAMPS)
                .addModule(
                        new SimpleModule("contract-timestamps")
                                .addDeserializer(Instant.class, new TimestampDeserializer()))
                .build();
    }
}
