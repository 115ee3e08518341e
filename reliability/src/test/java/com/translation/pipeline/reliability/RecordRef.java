package com.translation.pipeline.reliability;

/**
 * One session or task row the battery writes, several times: {@code id} is its primary key, {@code
 * sessionId} its Kafka key.
 */
record RecordRef(Kind kind, String id, String sessionId) {

    enum Kind {
        SESSION,
        TASK
    }
}
