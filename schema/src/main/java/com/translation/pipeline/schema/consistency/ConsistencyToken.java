package com.translation.pipeline.schema.consistency;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;
import tools.jackson.core.JacksonException;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * What ingest-api hands back with every accepted batch and query-api accepts in the {@code
 * X-Consistency-Token} header: per topic and partition, the offset just past the last event
 * written. A read carrying it waits until the writer's stored offsets reach these offsets, so it
 * sees its own writes. Opaque to clients: URL-safe Base64 of a small JSON object.
 */
public record ConsistencyToken(Map<String, Map<Integer, Long>> offsets) {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final TypeReference<TreeMap<String, TreeMap<Integer, Long>>> SHAPE =
            new TypeReference<>() {};
    private static final int MAX_ENCODED_LENGTH = 8192;

    public ConsistencyToken {
        TreeMap<String, Map<Integer, Long>> copy = new TreeMap<>();
        offsets.forEach(
                (topic, partitions) ->
                        copy.put(topic, Collections.unmodifiableMap(new TreeMap<>(partitions))));
        offsets = Collections.unmodifiableMap(copy);
    }

    public String encode() {
        return Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(JSON.writeValueAsBytes(offsets));
    }

    /**
     * Reads a token made by {@link #encode()}.
     *
     * @throws IllegalArgumentException when the text is not such a token
     */
    public static ConsistencyToken decode(String token) {
        if (token == null || token.isBlank() || token.length() > MAX_ENCODED_LENGTH) {
            throw new IllegalArgumentException("not a consistency token");
        }
        try {
            byte[] json = Base64.getUrlDecoder().decode(token.trim());
            Map<String, TreeMap<Integer, Long>> offsets = JSON.readValue(json, SHAPE);
            offsets.values()
                    .forEach(
                            partitions ->
                                    partitions.forEach(
                                            (partition, offset) -> {
                                                if (partition == null
                                                        || partition < 0
                                                        || offset == null
                                                        || offset < 0) {
                                                    throw new IllegalArgumentException(
                                                            "not a consistency token");
                                                }
                                            }));
            return new ConsistencyToken(Map.copyOf(offsets));
        } catch (JacksonException | IllegalArgumentException | NullPointerException e) {
            throw new IllegalArgumentException("not a consistency token", e);
        }
    }

    @Override
    public String toString() {
        return new String(JSON.writeValueAsBytes(offsets), StandardCharsets.UTF_8);
    }
}
