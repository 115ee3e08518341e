package com.translation.pipeline.schema.event;

import java.io.IOException;
import java.io.OutputStream;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * Sizes of JSON values as the contract's limits count them ({@code x-max-utf8-bytes}, {@code
 * maxDepth}, {@code x-max-json-bytes}), for the full validation ({@link ContractRules}) and the
 * one-pass reader ({@link FastRecordReader}) alike, so that the two cannot count differently.
 */
final class JsonMeasures {

    private JsonMeasures() {}

    /**
     * The size of {@code node} serialized as JSON, in bytes, as far as it matters against {@code
     * limit}: a bound not over {@code limit} when one is found without serializing, else the size,
     * or, once the serialization has passed {@code limit}, the count so far. Nothing is kept: the
     * bytes are counted as they are written, so a megabyte of metadata costs no megabyte of heap.
     */
    static long jsonBytes(JsonNode node, long limit) {
        long atMost = jsonBytesAtMost(node);
        if (atMost <= limit) {
            return atMost;
        }
        CountingStream counted = new CountingStream(limit);
        try {
            ContractJson.MAPPER.writeValue(counted, node);
        } catch (JacksonException e) {
            if (!(e.getCause() instanceof OverLimit)) {
                throw e;
            }
        }
        return counted.bytes;
    }

    /** Counts the bytes written to it and keeps none; fails once they pass the limit. */
    private static final class CountingStream extends OutputStream {
        private final long limit;
        private long bytes;

        CountingStream(long limit) {
            this.limit = limit;
        }

        @Override
        public void write(int b) throws OverLimit {
            count(1);
        }

        @Override
        public void write(byte[] buffer, int offset, int length) throws OverLimit {
            count(length);
        }

        private void count(int n) throws OverLimit {
            bytes += n;
            if (bytes > limit) {
                throw new OverLimit();
            }
        }
    }

    /** Ends a count that passed its limit. */
    private static final class OverLimit extends IOException {
        OverLimit() {
            super(null, null);
        }
    }

    /**
     * A bound on the serialized size of {@code node} that costs no serializing: every character
     * escaped as {@code \\uXXXX}. Small objects, nearly all of them, pass on it alone.
     */
    private static long jsonBytesAtMost(JsonNode node) {
        if (node.isObject()) {
            long bytes = 2;
            for (var property : node.properties()) {
                bytes += 6L * property.getKey().length() + 4 + jsonBytesAtMost(property.getValue());
            }
            return bytes;
        }
        if (node.isArray()) {
            long bytes = 2;
            for (JsonNode element : node) {
                bytes += 1 + jsonBytesAtMost(element);
            }
            return bytes;
        }
        return node.isString() ? 2 + 6L * node.asString().length() : node.toString().length();
    }

    /** Levels of nesting: 1 for an object or array of scalars. */
    static int depth(JsonNode node) {
        int deepest = 0;
        for (JsonNode child : node) {
            if (child.isContainer()) {
                deepest = Math.max(deepest, depth(child));
            }
        }
        return deepest + 1;
    }

    /** The length of {@code text} in UTF-8, counted without encoding it; a lone surrogate as 3. */
    static long utf8Length(String text) {
        long bytes = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x80) {
                bytes += 1;
            } else if (c < 0x800) {
                bytes += 2;
            } else if (Character.isHighSurrogate(c)
                    && i + 1 < text.length()
                    && Character.isLowSurrogate(text.charAt(i + 1))) {
                bytes += 4;
                i++;
            } else {
                bytes += 3;
            }
        }
        return bytes;
    }
}
