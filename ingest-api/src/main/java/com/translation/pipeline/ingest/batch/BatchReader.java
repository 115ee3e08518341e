package com.translation.pipeline.ingest.batch;

import com.translation.pipeline.schema.event.ContractJson;
import com.translation.pipeline.schema.event.FieldError;
import com.translation.pipeline.schema.event.Utf8;
import com.translation.pipeline.service.web.JsonMessages;
import com.translation.pipeline.service.web.JsonPaths;
import com.translation.pipeline.service.web.RequestBodyException;
import java.io.InputStream;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.SerializableString;
import tools.jackson.core.TokenStreamContext;
import tools.jackson.core.exc.JacksonIOException;
import tools.jackson.core.exc.StreamConstraintsException;
import tools.jackson.core.sym.PropertyNameMatcher;
import tools.jackson.core.util.JsonParserDelegate;
import tools.jackson.databind.JsonNode;

/**
 * Reads a batch body, {@code {"<field>": [item, ...]}}, one item at a time with the contract's JSON
 * settings, and hands each item to the caller before reading the next: a request holds one item's
 * tree at a time, not the whole body's, and the item limit ends the read at the first item over it,
 * whatever follows. What that tree takes beyond its first bytes is charged to the {@link
 * ItemMemoryBudget} while it is read.
 */
final class BatchReader {

    /**
     * The most JSON tokens (values, names, the starts and ends of objects and arrays) one item may
     * hold. A valid item has a few dozen fields and metadata of at most 65,536 bytes, which hold at
     * most 43,691 tokens ({@code [[],[],...]}, two tokens in three bytes); anything beyond cannot
     * be valid, and its tree would take memory in proportion (up to 80 bytes a token).
     */
    static final int MAX_ITEM_TOKENS = 50_000;

    /**
     * The most bytes of JSON one item may span: a valid item is at most 1,000,000 bytes as a
     * record, and JSON escapes in a request can make its text at most about three times that.
     */
    static final long MAX_ITEM_BYTES = 4_000_000;

    /** Takes each item, in request order. */
    @FunctionalInterface
    interface ItemSink {
        /**
         * @param index the item's place in the list, from 0
         * @param item its tree; null when it could not be read
         * @param unreadable why it could not be read (too large, a number beyond any range); null
         *     when it was
         */
        void accept(int index, JsonNode item, FieldError unreadable);
    }

    private BatchReader() {}

    /**
     * @throws BatchTooLargeException at the first item past {@code maxItems}
     * @throws MalformedBatchException when the body is not such an object: not JSON, over a parsing
     *     limit, another field, a missing or empty list
     * @throws RequestBodyException when the body breaks a limit while it is read: too large, too
     *     slow, or its items find no room in {@code memory} ({@link ItemMemoryExhaustedException})
     */
    static void read(
            InputStream body, String field, int maxItems, ItemMemoryBudget memory, ItemSink sink)
            throws RequestBodyException {
        JsonParser parser;
        try {
            // The parser reads its first buffer at once: bytes that are not UTF-8 may end here.
            parser = ContractJson.parser(Utf8.validatingJsonText(body));
        } catch (JacksonException e) {
            throw unreadable(e, "");
        }
        try (parser) {
            readItems(parser, field, maxItems, memory, sink);
        } catch (StreamConstraintsException e) {
            throw new MalformedBatchException(
                    JsonPaths.of(parser),
                    "The body is over a JSON parsing limit: " + JsonMessages.of(e));
        } catch (JacksonException e) {
            throw unreadable(e, JsonPaths.of(parser));
        }
    }

    /**
     * What a parse failure answers: 413 or 408 when the body broke a limit while read, else 400
     * naming where (bytes that are not UTF-8, not JSON).
     */
    private static RuntimeException unreadable(JacksonException e, String where)
            throws RequestBodyException {
        RequestBodyException refused = bodyRefused(e);
        if (refused != null) {
            throw refused;
        }
        Utf8.MalformedException notUtf8 = notUtf8(e);
        if (notUtf8 != null) {
            return new MalformedBatchException(
                    "", "The body is not UTF-8: " + notUtf8.getMessage() + ".");
        }
        return new MalformedBatchException(
                where, "The body is not valid JSON: " + JsonMessages.of(e));
    }

    private static void readItems(
            JsonParser parser, String field, int maxItems, ItemMemoryBudget memory, ItemSink sink) {
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
                try (ItemMemoryBudget.Charge charge = memory.charge()) {
                    boundedItem(parser, items++, charge, sink);
                }
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
     * Reads the item at the parser's current token as a tree and hands it on. When it holds more
     * than {@value #MAX_ITEM_TOKENS} tokens or spans more than {@value #MAX_ITEM_BYTES} bytes, or
     * holds a number whose exponent no decimal can hold ({@code 1e99999999999}), the rest of it is
     * skipped token by token, without a tree, it is handed on as unreadable, and the next item is
     * read as usual. Every token is charged to {@code charge}.
     */
    private static void boundedItem(
            JsonParser parser, int index, ItemMemoryBudget.Charge charge, ItemSink sink) {
        BoundedParser bounded = new BoundedParser(parser, charge);
        JsonNode item;
        try {
            item = ContractJson.readValue(bounded);
        } catch (RuntimeException e) {
            FieldError unreadable = unreadableItem(e, bounded);
            if (unreadable == null) {
                throw e;
            }
            bounded.skipRest();
            sink.accept(index, null, unreadable);
            return;
        }
        sink.accept(index, item, null);
    }

    /** Why an item could not be read, when it is the item's fault and not the body's; else null. */
    private static FieldError unreadableItem(RuntimeException error, BoundedParser parser) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (cause instanceof ItemTooLarge) {
                return new FieldError(
                        "",
                        FieldError.Reason.TOO_LARGE,
                        "the item holds more than "
                                + MAX_ITEM_TOKENS
                                + " JSON tokens or spans more than "
                                + MAX_ITEM_BYTES
                                + " bytes of JSON; no valid item comes near");
            }
            if (cause instanceof NumberFormatException) {
                return FieldError.numberBeyondRange(parser.itemField());
            }
        }
        return null;
    }

    /** Thrown by {@link BoundedParser} when an item passes a bound. */
    private static final class ItemTooLarge extends RuntimeException {
        ItemTooLarge() {
            super(null, null, false, false);
        }
    }

    /**
     * Counts one item's tokens and bytes while databind reads it, stops at the bounds, and charges
     * each token's share of the tree to the item's charge.
     */
    private static final class BoundedParser extends JsonParserDelegate {
        private final long start;
        private final ItemMemoryBudget.Charge charge;
        private int tokens;
        private int depth;

        BoundedParser(JsonParser parser, ItemMemoryBudget.Charge charge) {
            super(parser);
            this.start = parser.currentLocation().getByteOffset();
            this.charge = charge;
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
            if (++tokens > MAX_ITEM_TOKENS
                    || delegate.currentLocation().getByteOffset() - start > MAX_ITEM_BYTES) {
                throw new ItemTooLarge();
            }
            charge(token);
            return token;
        }

        private void charge(JsonToken token) {
            boolean text =
                    token == JsonToken.VALUE_STRING
                            || token == JsonToken.PROPERTY_NAME
                            || token == JsonToken.VALUE_NUMBER_INT
                            || token == JsonToken.VALUE_NUMBER_FLOAT;
            try {
                charge.add(ItemMemoryBudget.estimate(text ? delegate.getTextLength() : 0));
            } catch (ItemMemoryExhaustedException e) {
                throw JacksonIOException.construct(e);
            }
        }

        /**
         * The field of the item the parser is in ({@code metadata} for a value nested in it), or
         * the empty string at the item's own level.
         */
        String itemField() {
            java.util.List<TokenStreamContext> chain = new java.util.ArrayList<>();
            for (TokenStreamContext context = delegate.streamReadContext();
                    context != null;
                    context = context.getParent()) {
                chain.add(0, context);
            }
            // root, the body's object, its list, the item: the item's field is named there.
            if (chain.size() > 3 && chain.get(3).currentName() != null) {
                return chain.get(3).currentName();
            }
            return "";
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

    private static RequestBodyException bodyRefused(Throwable error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (cause instanceof RequestBodyException refused) {
                return refused;
            }
        }
        return null;
    }
}
