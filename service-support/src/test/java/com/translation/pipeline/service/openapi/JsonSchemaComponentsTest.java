package com.translation.pipeline.service.openapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.swagger.v3.core.util.Json31;
import io.swagger.v3.oas.models.media.Schema;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonSchemaComponentsTest {

    @SuppressWarnings("rawtypes")
    private static Map<String, JsonNode> load(String name, String resource) {
        Map<String, Schema> schemas = JsonSchemaComponents.load(Map.of(name, resource));
        Map<String, JsonNode> written = new java.util.LinkedHashMap<>();
        schemas.forEach((n, s) -> written.put(n, Json31.mapper().valueToTree(s)));
        return written;
    }

    private static JsonNode json(String text) throws Exception {
        return Json31.mapper().readTree(text);
    }

    @Test
    void theFileIsTheComponentWithItsReferencesMovedIntoTheDocument() throws Exception {
        Map<String, JsonNode> components = load("Item", "json-schema/item.json");

        assertThat(components.keySet())
                .containsExactly("tag", "Item", "id", "time", "optional_time");
        assertThat(components.get("Item"))
                .isEqualTo(
                        json(
                                """
                                {"title": "Item", "type": "object", "required": ["id"],
                                 "properties": {
                                   "id": {"$ref": "#/components/schemas/id"},
                                   "at": {"$ref": "#/components/schemas/optional_time"},
                                   "tags": {"type": ["array", "null"],
                                            "items": {"$ref": "#/components/schemas/tag"}}}}
                                """));
        assertThat(components.get("tag"))
                .isEqualTo(
                        json("{\"type\": \"string\", \"maxLength\": 8, \"x-max-utf8-bytes\": 8}"));
        assertThat(components.get("optional_time"))
                .isEqualTo(
                        json(
                                """
                                {"anyOf": [{"type": "null"}, {"$ref": "#/components/schemas/time"}]}
                                """));
        assertThat(components.get("id"))
                .isEqualTo(json("{\"type\": \"string\", \"pattern\": \"^[a-z]+$\"}"));
    }

    @Test
    void aReferenceIntoAFileOtherThanItsDefsIsRefused() {
        assertThatThrownBy(
                        () -> JsonSchemaComponents.load(Map.of("Bad", "json-schema/bad-ref.json")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("defs.json#/properties/id");
    }

    @Test
    void twoDefinitionsOfOneNameAreRefused() {
        assertThatThrownBy(
                        () -> JsonSchemaComponents.load(Map.of("Clash", "json-schema/clash.json")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("Two schemas are named id");
    }

    @Test
    void aMissingFileIsNamed() {
        assertThatThrownBy(() -> JsonSchemaComponents.load(Map.of("X", "json-schema/none.json")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("json-schema/none.json");
    }
}
