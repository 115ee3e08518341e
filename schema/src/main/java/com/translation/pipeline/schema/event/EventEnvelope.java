package com.translation.pipeline.schema.event;

import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/**
 * The value of every record on the session and task topics, as described by {@code
 * schema/envelope.v1.json}. The record key is {@link #key()}.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record EventEnvelope(
        int schemaVersion, UUID eventId, EventType type, Instant occurredAt, EventData data) {

    public static final int SCHEMA_VERSION = 1;

    /**
     * The largest serialized envelope, in bytes: below Kafka's default 1 MiB record limit, and
     * above the largest valid task (texts of 256 KiB each, 16 KiB error message, 64 KiB metadata)
     * unless its text is mostly JSON escapes.
     */
    public static final int MAX_EVENT_BYTES = 1_000_000;

    /**
     * Each thread's source of event ids: a DRBG seeded from the system's entropy. {@link
     * UUID#randomUUID()} draws from one NativePRNG for the whole JVM, behind a lock: ingest-api's
     * request threads queued on it (JFR: 188 waits over 10 ms in 40 s of saturation).
     */
    private static final ThreadLocal<SecureRandom> EVENT_IDS =
            ThreadLocal.withInitial(EventEnvelope::drbg);

    /** Wraps data in a new envelope with a random event id, stamped at {@code now}. */
    public static EventEnvelope wrap(EventData data, Instant now) {
        return new EventEnvelope(
                SCHEMA_VERSION,
                randomEventId(),
                data.eventType(),
                now.truncatedTo(ChronoUnit.MICROS),
                data);
    }

    /**
     * A random (version 4, IETF variant) UUID, as {@link UUID#randomUUID()} makes one: 122 random
     * bits from this thread's own DRBG.
     */
    static UUID randomEventId() {
        byte[] bytes = new byte[16];
        EVENT_IDS.get().nextBytes(bytes);
        bytes[6] = (byte) ((bytes[6] & 0x0f) | 0x40);
        bytes[8] = (byte) ((bytes[8] & 0x3f) | 0x80);
        long most = 0;
        long least = 0;
        for (int i = 0; i < 8; i++) {
            most = (most << 8) | (bytes[i] & 0xff);
            least = (least << 8) | (bytes[i + 8] & 0xff);
        }
        return new UUID(most, least);
    }

    private static SecureRandom drbg() {
        try {
            return SecureRandom.getInstance("DRBG");
        } catch (NoSuchAlgorithmException e) {
            // Every JDK since 9 has DRBG; a JDK without it gets the shared default.
            return new SecureRandom();
        }
    }

    /** The Kafka record key: the session id, for tasks too. */
    public String key() {
        return data.sessionId();
    }
}
