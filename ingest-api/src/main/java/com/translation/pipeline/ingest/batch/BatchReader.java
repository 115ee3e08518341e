package com.translation.pipeline.ingest.batch;

import com.translation.pipeline.schema.event.ContractJson;
import com.translation.pipeline.service.web.JsonPaths;
import com.translation.pipeline.service.web.RequestBodyTooLargeException;
import java.io.InputStream;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.exc.StreamConstraintsException;
import tools.jackson.databind.JsonNode;

/**
 * Reads a batch body, {@code {"<field>": [item, ...]}}, one item at a time with the contract's JSON
 * settings, and hands each item to the caller before reading the next: a request holds one item's
 * tree at a time, not the whole body's, and the item limit ends the read at the first item over it,
 * whatever follows.
 */
final class BatchReader {

    /** Takes each item, in request order. */
    @FunctionalInterface
    interface ItemSink {
        void accept(int index, JsonNode item);
    }

    private BatchReader() {}

    /**
     * @throws BatchTooLargeException at the first item past {@code maxItems}
     * @throws MalformedBatchException when the body is not such an object: not JSON, over a parsing
     *     limit, another field, a missing or empty list
     * @throws RequestBodyTooLargeException when the body passes the size limit while it is read
     */
    static void read(InputStream body, String field, int maxItems, ItemSink sink)
            throws RequestBodyTooLargeException {
        try (JsonParser parser = ContractJson.parser(body)) {
            try {
                readItems(parser, field, maxItems, sink);
            } catch (StreamConstraintsException e) {
                throw new MalformedBatchException(
                        JsonPaths.of(parser),
                        "The body is over a JSON parsing limit: " + e.getOriginalMessage());
            } catch (JacksonException e) {
                RequestBodyTooLargeException tooLarge = tooLarge(e);
                if (tooLarge != null) {
                    throw tooLarge;
                }
                throw new MalformedBatchException(
                        JsonPaths.of(parser),
                        "The body is not valid JSON: " + e.getOriginalMessage());
            }
        }
    }

    private static void readItems(JsonParser parser, String field, int maxItems, ItemSink sink) {
        if (parser.nextToken() != JsonToken.START_OBJECT) {
            throw new MalformedBatchException(
                    field, "The body must be a JSON object with the list '" + field + "'.");
        }
        int items = -1;
        while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
            String name = parser.currentName();
            if (!name.equals(field)) {
                throw new MalformedBatchException(
                        name, "'" + name + "' is not a field of this request.");
            }
            if (parser.nextToken() != JsonToken.START_ARRAY) {
                throw new MalformedBatchException(field, "'" + field + "' must be a list.");
            }
            items = 0;
            while (parser.nextToken() != JsonToken.END_ARRAY) {
                if (items == maxItems) {
                    throw new BatchTooLargeException(field, maxItems);
                }
                sink.accept(items++, ContractJson.readValue(parser));
            }
        }
        if (items <= 0) {
            throw new MalformedBatchException(
                    field, "'" + field + "' must be a list of at least one item.");
        }
        if (parser.nextToken() != null) {
            throw new MalformedBatchException("", "Nothing may follow the JSON object.");
        }
    }

    private static RequestBodyTooLargeException tooLarge(Throwable error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (cause instanceof RequestBodyTooLargeException tooLarge) {
                return tooLarge;
            }
        }
        return null;
    }
}
