package com.translation.pipeline.ingest;

/** JSON items as a backend would post them. */
final class IngestTestData {

    private IngestTestData() {}

    static String session(String id) {
        return """
        {"session_id": "%s", "user_id": "u-1", "status": "running", "title": "Report",
         "total_tasks": 2, "metadata": {"origin": "upload"},
         "created_at": "2026-03-01T10:00:00Z", "updated_at": "2026-03-01T10:05:00.123456Z"}
        """
                .formatted(id);
    }

    static String task(String id, String sessionId) {
        return """
        {"task_id": "%s", "session_id": "%s", "sequence": 0, "status": "completed",
         "source_text": "Hello", "translated_text": "Bonjour",
         "created_at": "2026-03-01T10:00:00Z", "updated_at": "2026-03-01T10:00:01Z"}
        """
                .formatted(id, sessionId);
    }

    static String sessions(String... items) {
        return "{\"sessions\": [" + String.join(",", items) + "]}";
    }

    static String tasks(String... items) {
        return "{\"tasks\": [" + String.join(",", items) + "]}";
    }
}
