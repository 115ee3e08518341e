package com.translation.pipeline.schema.event;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

class JsonMeasuresTest {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    @Test
    void aValueWhoseBoundPassesTheLimitIsMeasuredExactly() {
        ObjectNode node = NODES.objectNode().put("text", "é\u0001\"".repeat(1000));
        long exact = ContractJson.MAPPER.writeValueAsBytes(node).length;

        assertThat(JsonMeasures.jsonBytes(node, exact)).isEqualTo(exact);
        assertThat(JsonMeasures.jsonBytes(node, exact - 1)).isGreaterThan(exact - 1);
    }

    @Test
    void aValueWithinItsBoundIsNotSerialized() {
        JsonNode node = NODES.objectNode().put("k", "v");

        assertThat(JsonMeasures.jsonBytes(node, 1000)).isBetween(9L, 1000L);
    }

    /**
     * A megabyte of metadata is counted only until it passes the limit: the count returned is past
     * the limit and far short of the whole.
     */
    @Test
    void aValueFarOverTheLimitIsCountedOnlyPastIt() {
        ArrayNode values = NODES.arrayNode();
        for (int i = 0; i < 200_000; i++) {
            values.add("abc");
        }
        ObjectNode node = NODES.objectNode().set("x", values);

        long counted = JsonMeasures.jsonBytes(node, 65_536);

        assertThat(counted).isGreaterThan(65_536).isLessThan(200_000);
    }
}
