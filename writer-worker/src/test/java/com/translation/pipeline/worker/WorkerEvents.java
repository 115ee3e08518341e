package com.translation.pipeline.worker;

import com.translation.pipeline.schema.event.EventCodec;
import com.translation.pipeline.schema.event.EventEnvelope;
import com.translation.pipeline.schema.event.SessionData;
import com.translation.pipeline.schema.event.SessionStatus;
import com.translation.pipeline.schema.event.TaskData;
import com.translation.pipeline.schema.event.TaskStatus;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/** Encoded events as a producer would send them; version n means updated_at = T0 + n seconds. */
final class WorkerEvents {

    static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");

    private WorkerEvents() {}

    static Instant version(int n) {
        return T0.plusSeconds(n);
    }

    static byte[] session(String id, int version) {
        return EventCodec.encode(
                EventEnvelope.wrap(
                        new SessionData(
                                id,
                                "user-1",
                                SessionStatus.RUNNING,
                                "en",
                                "fr",
                                "title v" + version,
                                10,
                                version,
                                0,
                                null,
                                T0,
                                version(version),
                                null),
                        Instant.now()));
    }

    static byte[] task(String id, String sessionId, int version) {
        return EventCodec.encode(
                EventEnvelope.wrap(
                        new TaskData(
                                id,
                                sessionId,
                                0,
                                TaskStatus.RUNNING,
                                "source",
                                "text v" + version,
                                null,
                                version,
                                null,
                                T0,
                                version(version),
                                null),
                        Instant.now()));
    }

    static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
