package com.translation.pipeline.schema.event;

import tools.jackson.databind.JsonNode;

/**
 * Writes envelopes (and their metadata) as the contract's JSON, the inverse of {@link
 * EventValidator}.
 */
public final class EventCodec {

    private EventCodec() {}

    /** The Kafka record value of an envelope, in UTF-8 JSON. */
    public static byte[] encode(EventEnvelope envelope) {
        return ContractJson.MAPPER.writeValueAsBytes(envelope);
    }

    /** A JSON value as compact text, e.g. metadata for a JSON column. */
    public static String toJson(JsonNode value) {
        return ContractJson.MAPPER.writeValueAsString(value);
    }
}
