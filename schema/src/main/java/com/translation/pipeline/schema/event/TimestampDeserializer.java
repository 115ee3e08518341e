package com.translation.pipeline.schema.event;

import java.time.DateTimeException;
import java.time.Instant;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.deser.std.StdScalarDeserializer;

/** Reads the contract's timestamps with {@link Rfc3339}, the validator's own reader. */
final class TimestampDeserializer extends StdScalarDeserializer<Instant> {

    TimestampDeserializer() {
        super(Instant.class);
    }

    @Override
    public Instant deserialize(JsonParser parser, DeserializationContext context) {
        if (!parser.hasToken(JsonToken.VALUE_STRING)) {
            return (Instant) context.handleUnexpectedToken(Instant.class, parser);
        }
        String text = parser.getString();
        try {
            return Rfc3339.parse(text);
        } catch (DateTimeException e) {
            throw context.weirdStringException(text, Instant.class, e.getMessage());
        }
    }
}
