package com.translation.pipeline.ingest.batch;

import com.translation.pipeline.schema.event.ContractJson;
import com.translation.pipeline.schema.event.Utf8;
import com.translation.pipeline.service.web.JsonPaths;
import com.translation.pipeline.service.web.RequestBodyTooLargeException;
import java.io.InputStream;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.SerializableString;
import tools.jackson.core.exc.StreamConstraintsException;
import tools.jackson.core.sym.PropertyNameMatcher;
import tools.jackson.core.util.JsonParserDelegate;
import tools.jackson.databind.JsonNode;

/**
 * Reads a batch body, {@code {"<field>": [item, ...]}}, one item at a time with the contract's JSON
 * settings, and hands each item to the caller before reading the next: a request holds one item's
 * tree at a time, not the whole body's, and the item limit ends the read at the first item over it,
 * whatever follows.
 */
final class BatchReader {

    /**
     * The most values one item may hold. A valid item has a few fields and metadata of at most 64
     * KiB, a few tens of thousands of values; anything far beyond cannot be valid, and its tree
     * would take memory in proportion (a megabyte of {@code [],} is a third of a million arrays).
     */
    static final int MAX_ITEM_VALUES = 200_000;

    /**
     * The most bytes of JSON one item may span: a valid item is at most 1,000,000 bytes as a
     * record, and JSON escapes in a request can make its text at most about three times that.
     */
    static final long MAX_ITEM_BYTES = 4_000_000;

    /** Takes each item, in request order: its tree, or null when it was too large to read. */
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
        JsonParser parser;
        try {
            // The parser reads its first buffer at once: bytes that are not UTF-8 may end here.
            parser = ContractJson.parser(Utf8.validating(body));
        } catch (JacksonException e) {
            throw unreadable(e, "");
        }
        try (parser) {
            readItems(parser, field, maxItems, sink);
        } catch (StreamConstraintsException e) {
            throw new MalformedBatchException(
                    JsonPaths.of(parser),
                    "The body is over a JSON parsing limit: " + e.getOriginalMessage());
        } catch (JacksonException e) {
            throw unreadable(e, JsonPaths.of(parser));
        }
    }

    /**
     * What a parse failure answers: 413 when the body passed its size limit, else 400 naming where
     * (bytes that are not UTF-8, not JSON).
     */
    private static RuntimeException unreadable(JacksonException e, String where)
            throws RequestBodyTooLargeException {
        RequestBodyTooLargeException tooLarge = tooLarge(e);
        if (tooLarge != null) {
            throw tooLarge;
        }
        Utf8.MalformedException notUtf8 = notUtf8(e);
        if (notUtf8 != null) {
            return new MalformedBatchException(
                    "", "The body is not UTF-8: " + notUtf8.getMessage() + ".");
        }
        return new MalformedBatchException(
                where, "The body is not valid JSON: " + e.getOriginalMessage());
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
                sink.accept(items++, boundedItem(parser));
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

    /**
     * The item at the parser's current token as a tree, or null when it holds more than {@value
     * #MAX_ITEM_VALUES} values or spans more than {@value #MAX_ITEM_BYTES} bytes: then the rest of
     * it is skipped token by token, without a tree, and the next item is read as usual.
     */
    private static JsonNode boundedItem(JsonParser parser) {
        BoundedParser bounded = new BoundedParser(parser);
        try {
            return ContractJson.readValue(bounded);
        } catch (RuntimeException e) {
            for (Throwable cause = e; cause != null; cause = cause.getCause()) {
                if (cause instanceof ItemTooLarge) {
                    bounded.skipRest();
                    return null;
                }
            }
            throw e;
        }
    }

    /** Thrown by {@link BoundedParser} when an item passes a bound. */
    private static final class ItemTooLarge extends RuntimeException {
        ItemTooLarge() {
            super(null, null, false, false);
        }
    }

    /** Counts one item's values and bytes while databind reads it, and stops at the bounds. */
    private static final class BoundedParser extends JsonParserDelegate {
        private final long start;
        private int values;
        private int depth;

        BoundedParser(JsonParser parser) {
            super(parser);
            this.start = parser.currentLocation().getByteOffset();
            counted(parser.currentToken());
        }

        @Override
        public JsonToken nextToken() {
            return counted(delegate.nextToken());
        }

        @Override
        public JsonToken nextValue() {
            return counted(delegate.nextValue());
        }

        @Override
        public String nextName() {
            String name = delegate.nextName();
            counted(delegate.currentToken());
            return name;
        }

        @Override
        public boolean nextName(SerializableString name) {
            boolean matched = delegate.nextName(name);
            counted(delegate.currentToken());
            return matched;
        }

        @Override
        public int nextNameMatch(PropertyNameMatcher matcher) {
            int match = delegate.nextNameMatch(matcher);
            counted(delegate.currentToken());
            return match;
        }

        private JsonToken counted(JsonToken token) {
            if (token == JsonToken.START_OBJECT || token == JsonToken.START_ARRAY) {
                depth++;
            } else if (token == JsonToken.END_OBJECT || token == JsonToken.END_ARRAY) {
                depth--;
            }
            if (++values > MAX_ITEM_VALUES
                    || delegate.currentLocation().getByteOffset() - start > MAX_ITEM_BYTES) {
                throw new ItemTooLarge();
            }
            return token;
        }

        /** Reads to the end of the item, keeping nothing. */
        void skipRest() {
            while (depth > 0) {
                JsonToken token = delegate.nextToken();
                if (token == JsonToken.START_OBJECT || token == JsonToken.START_ARRAY) {
                    delegate.skipChildren();
                } else if (token == JsonToken.END_OBJECT || token == JsonToken.END_ARRAY) {
                    depth--;
                } else if (token == null) {
                    return;
                }
            }
        }
    }

    private static Utf8.MalformedException notUtf8(Throwable error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (cause instanceof Utf8.MalformedException malformed) {
                return malformed;
            }
        }
        return null;
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
