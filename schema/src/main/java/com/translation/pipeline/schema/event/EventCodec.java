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

    /**
     * The Kafka record value of an envelope, or, when it would be larger than {@link
     * EventEnvelope#MAX_EVENT_BYTES}, why not: the error names the data's largest field (JSON
     * escapes make text grow, up to six bytes for one control character).
     */
    public static Validation<byte[]> encodeWithinLimit(EventEnvelope envelope) {
        byte[] value = encode(envelope);
        if (value.length <= EventEnvelope.MAX_EVENT_BYTES) {
            return Validation.valid(value);
        }
        String largest = "";
        long largestBytes = -1;
        for (var field : ContractJson.MAPPER.valueToTree(envelope.data()).properties()) {
            long bytes = ContractJson.MAPPER.writeValueAsBytes(field.getValue()).length;
            if (bytes > largestBytes) {
                largest = field.getKey();
                largestBytes = bytes;
            }
        }
        return Validation.invalid(
                largest,
                FieldError.Reason.TOO_LARGE,
                "the item takes "
                        + value.length
                        + " bytes as an event record, over the "
                        + EventEnvelope.MAX_EVENT_BYTES
                        + " allowed; "
                        + largest
                        + " alone takes "
                        + largestBytes
                        + " bytes as JSON, where escapes make text grow (a quote or backslash takes"
                        + " two bytes, a control character six)");
    }

    /** A JSON value as compact text, e.g. metadata for a JSON column. */
    public static String toJson(JsonNode value) {
        return ContractJson.MAPPER.writeValueAsString(value);
    }
}
