package com.translation.pipeline.schema.event;

import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** Valid records and envelopes to start each test from. */
final class Items {

    private Items() {}

    static ObjectNode session() {
        ObjectNode item = ContractJson.MAPPER.createObjectNode();
        item.put("session_id", "sess-1");
        item.put("status", "running");
        item.put("created_at", "2026-03-01T10:00:00Z");
        item.put("updated_at", "2026-03-01T10:05:00.123456Z");
        return item;
    }

    static ObjectNode fullSession() {
        ObjectNode item = session();
        item.put("user_id", "user-7");
        item.put("source_language", "en");
        item.put("target_language", "zh-Hans");
        item.put("title", "Quarterly report");
        item.put("total_tasks", 10);
        item.put("completed_tasks", 4);
        item.put("failed_tasks", 1);
        item.putObject("metadata").put("origin", "upload").putArray("tags").add("a").add("b");
        item.putNull("completed_at");
        return item;
    }

    static ObjectNode task() {
        ObjectNode item = ContractJson.MAPPER.createObjectNode();
        item.put("task_id", "task-1");
        item.put("session_id", "sess-1");
        item.put("sequence", 0);
        item.put("status", "completed");
        item.put("source_text", "Hello");
        item.put("translated_text", "你好");
        item.put("retry_count", 0);
        item.put("created_at", "2026-03-01T10:00:00Z");
        item.put("updated_at", "2026-03-01T10:00:01Z");
        item.put("completed_at", "2026-03-01T10:00:01Z");
        return item;
    }

    static ObjectNode with(ObjectNode item, Consumer<ObjectNode> change) {
        ObjectNode copy = item.deepCopy();
        change.accept(copy);
        return copy;
    }

    static ObjectNode envelope(String type, JsonNode data) {
        ObjectNode envelope = ContractJson.MAPPER.createObjectNode();
        envelope.put("schema_version", 1);
        envelope.put("event_id", "4f1c2a9e-7b3d-4c5e-9f10-2a3b4c5d6e7f");
        envelope.put("type", type);
        envelope.put("occurred_at", "2026-03-01T10:05:00.2Z");
        envelope.set("data", data);
        return envelope;
    }

    static byte[] bytes(JsonNode node) {
        return ContractJson.MAPPER.writeValueAsBytes(node);
    }

    static byte[] bytes(String json) {
        return json.getBytes(StandardCharsets.UTF_8);
    }

    /** A JSON object nested {@code levels} deep, counting itself as level 1. */
    static ObjectNode nested(int levels) {
        ObjectNode root = ContractJson.MAPPER.createObjectNode();
        ObjectNode current = root;
        for (int level = 1; level < levels; level++) {
            current = current.putObject("l" + level);
        }
        current.put("leaf", true);
        return root;
    }
}
