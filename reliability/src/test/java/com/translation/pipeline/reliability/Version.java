package com.translation.pipeline.reliability;

import com.translation.pipeline.schema.event.EventData;
import com.translation.pipeline.schema.event.SessionData;
import com.translation.pipeline.schema.event.SessionStatus;
import com.translation.pipeline.schema.event.TaskData;
import com.translation.pipeline.schema.event.TaskStatus;
import java.time.Instant;

/**
 * Version {@code number} of a record: its {@code updated_at} is {@link #BASE} plus that many
 * milliseconds, and its payload says the number in a text and an integer column, so a row that
 * mixes two versions, or a version nobody sent, is told apart from the real thing.
 */
record Version(RecordRef ref, int number) {

    static final Instant BASE = Instant.parse("2026-01-01T00:00:00Z");

    Instant updatedAt() {
        return BASE.plusMillis(number);
    }

    static int numberOf(Instant updatedAt) {
        return (int) (updatedAt.toEpochMilli() - BASE.toEpochMilli());
    }

    /** The text column that carries the version: the session's title, the task's translation. */
    static String text(int number) {
        return "v" + number;
    }

    EventData data() {
        return switch (ref.kind()) {
            case SESSION ->
                    new SessionData(
                            ref.id(),
                            "battery-user",
                            SessionStatus.RUNNING,
                            "en",
                            "de",
                            text(number),
                            number,
                            0,
                            0,
                            null,
                            BASE,
                            updatedAt(),
                            null);
            case TASK ->
                    new TaskData(
                            ref.id(),
                            ref.sessionId(),
                            1,
                            TaskStatus.RUNNING,
                            "Hello, world",
                            text(number),
                            null,
                            number,
                            null,
                            BASE,
                            updatedAt(),
                            null);
        };
    }
}
