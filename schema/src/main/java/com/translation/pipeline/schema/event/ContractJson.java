package com.translation.pipeline.schema.event;

import java.time.Instant;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.cfg.DateTimeFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.module.SimpleModule;

/**
 * The contract's own JSON mapper: bounded parsing, duplicate keys rejected, RFC 3339 dates read by
 * {@link Rfc3339}.
 */
final class ContractJson {

    /** Deep enough for the envelope, a record and 16 levels of metadata, with room to spare. */
    static final int MAX_NESTING_DEPTH = 64;

    static final JsonMapper MAPPER =
            JsonMapper.builder(
                            JsonFactory.builder()
                                    .streamReadConstraints(
                                            StreamReadConstraints.builder()
                                                    .maxNestingDepth(MAX_NESTING_DEPTH)
                                                    .maxDocumentLength(
                                                            EventEnvelope.MAX_EVENT_BYTES)
                                                    .maxStringLength(EventEnvelope.MAX_EVENT_BYTES)
                                                    .build())
                                    .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                                    .build())
                    .disable(DateTimeFeature.WRITE_DATES_AS_TIMESTAMPS)
                    .addModule(
                            new SimpleModule("contract-timestamps")
                                    .addDeserializer(Instant.class, new TimestampDeserializer()))
                    .build();

    private ContractJson() {}

    static JsonNode nullIfJsonNull(JsonNode node) {
        return node == null || node.isNull() || node.isMissingNode() ? null : node;
    }
}
