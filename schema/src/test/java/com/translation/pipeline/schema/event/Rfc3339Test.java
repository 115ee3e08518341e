package com.translation.pipeline.schema.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The fast reader must accept and refuse exactly what {@link OffsetDateTime#parse} does. */
class Rfc3339Test {

    @ParameterizedTest
    @ValueSource(
            strings = {
                "2026-03-01T12:00:00Z",
                "2026-03-01t12:00:00z",
                "2026-03-01T12:00:00.1Z",
                "2026-03-01T12:00:00.123456Z",
                "2026-03-01T12:00:00.123456789Z",
                "2026-03-01T12:00:00.5+02:00",
                "2026-03-01T01:00:00-05:30",
                "2026-03-01T01:00:00-00:00",
                "2026-03-01T01:00:00+18:00",
                "2024-02-29T23:59:59.999999Z",
                "0001-01-01T00:00:00Z",
                "9999-12-31T23:59:59Z",
                // not the contract's shape (its schema refuses it), read by the JDK's parser
                "2026-03-01T12:00:00.Z",
                "2026-03-01T12:00:00+02:00:30"
            })
    void readsWhatTheJdkReadsAsTheSameInstant(String text) {
        assertThat(Rfc3339.parse(text)).isEqualTo(OffsetDateTime.parse(text).toInstant());
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "2026-03-01T12:00:00",
                "2026-02-30T12:00:00Z",
                "2025-02-29T12:00:00Z",
                "2026-13-01T12:00:00Z",
                "2026-03-01T24:00:00Z",
                "2026-03-01T12:60:00Z",
                "2026-03-01T12:00:60Z",
                "2026-03-01T12:00:00.1234567890Z",
                "2026-03-01T12:00:00+19:00",
                "2026-03-01T12:00:00+02:60",
                "2026-03-01T12:00:00+0200",
                "2026-03-01T12:00:00ZZ",
                "2026-03-01 12:00:00Z",
                "2026-3-01T12:00:00Z",
                "2026-03-01T12:00:00.12a4Z",
                "+2026-03-01T12:00:00Z",
                "12026-03-01T12:00:00Z",
                ""
            })
    void refusesWhatTheJdkRefuses(String text) {
        assertThatThrownBy(() -> OffsetDateTime.parse(text)).isInstanceOf(DateTimeException.class);
        assertThatThrownBy(() -> Rfc3339.parse(text)).isInstanceOf(DateTimeException.class);
    }

    @Test
    void agreesWithTheJdkOnRandomInstantsAndOffsets() {
        Random random = new Random(42);
        for (int i = 0; i < 10_000; i++) {
            Instant instant =
                    Instant.ofEpochSecond(
                            random.nextLong(-30_000_000_000L, 250_000_000_000L),
                            random.nextInt(1_000_000) * 1000L);
            int offsetMinutes = random.nextInt(-18 * 60, 18 * 60 + 1);
            String text =
                    instant.atOffset(ZoneOffset.ofTotalSeconds(offsetMinutes * 60)).toString();
            assertThat(Rfc3339.parse(text)).as(text).isEqualTo(instant);
        }
    }
}
