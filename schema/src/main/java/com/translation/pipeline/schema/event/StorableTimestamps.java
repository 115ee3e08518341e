package com.translation.pipeline.schema.event;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/**
 * The timestamps the database stores exactly: RFC 3339 with an offset and at most microseconds
 * (DATETIME(6) keeps no more, and rounds rather than truncates), between the years {@value
 * #MIN_YEAR} and {@value #MAX_YEAR} in UTC (DATETIME's documented range). Events and query
 * parameters follow the same rule.
 */
public final class StorableTimestamps {

    public static final int MIN_YEAR = 1000;
    public static final int MAX_YEAR = 9999;

    private static final long FIRST_STORABLE_SECOND =
            LocalDateTime.of(MIN_YEAR, 1, 1, 0, 0).toEpochSecond(ZoneOffset.UTC);
    private static final long FIRST_SECOND_AFTER =
            LocalDateTime.of(MAX_YEAR + 1, 1, 1, 0, 0).toEpochSecond(ZoneOffset.UTC);

    private StorableTimestamps() {}

    /**
     * The instant {@code text} names.
     *
     * @throws DateTimeException when it is not such a timestamp; the message says why, for a client
     */
    public static Instant parse(String text) {
        if (!hasShape(text)) {
            throw new DateTimeException(
                    "must be an RFC 3339 timestamp with an offset and at most 6 fractional digits,"
                            + " e.g. 2026-03-01T12:00:00.123456Z");
        }
        Instant instant;
        try {
            instant = Rfc3339.parse(text);
        } catch (DateTimeException e) {
            throw new DateTimeException("must be a real date and time, e.g. 2026-03-01T12:00:00Z");
        }
        checkRange(instant);
        return instant;
    }

    /**
     * @throws DateTimeException when the instant is outside the storable years
     */
    static void checkRange(Instant instant) {
        // The year in UTC, compared as seconds: no date object per timestamp.
        long seconds = instant.getEpochSecond();
        if (seconds < FIRST_STORABLE_SECOND || seconds >= FIRST_SECOND_AFTER) {
            throw new DateTimeException(
                    "must be between years " + MIN_YEAR + " and " + MAX_YEAR + " in UTC");
        }
    }

    /**
     * Whether {@code text} has the shape of {@code common.v1.json#/$defs/timestamp}, {@code
     * yyyy-mm-ddThh:mm:ss[.f{1,6}](Z|+hh:mm|-hh:mm)} with ASCII digits and {@code T}/{@code Z} in
     * either case; by hand, not by a regular expression, as the worker's reader runs it three times
     * per event (FastRecordReaderTest checks it against the schema file's pattern).
     */
    static boolean hasShape(String text) {
        int length = text.length();
        if (length < 20) {
            return false;
        }
        String shape = "dddd-dd-ddTdd:dd:dd";
        for (int i = 0; i < shape.length(); i++) {
            char expected = shape.charAt(i);
            char c = text.charAt(i);
            boolean fits =
                    switch (expected) {
                        case 'd' -> c >= '0' && c <= '9';
                        case 'T' -> c == 'T' || c == 't';
                        default -> c == expected;
                    };
            if (!fits) {
                return false;
            }
        }
        int at = shape.length();
        if (text.charAt(at) == '.') {
            int digits = 0;
            for (at++; at < length && text.charAt(at) >= '0' && text.charAt(at) <= '9'; at++) {
                digits++;
            }
            if (digits < 1 || digits > 6) {
                return false;
            }
        }
        if (at == length - 1) {
            return text.charAt(at) == 'Z' || text.charAt(at) == 'z';
        }
        if (at + 6 != length || (text.charAt(at) != '+' && text.charAt(at) != '-')) {
            return false;
        }
        return digit(text, at + 1)
                && digit(text, at + 2)
                && text.charAt(at + 3) == ':'
                && digit(text, at + 4)
                && digit(text, at + 5);
    }

    private static boolean digit(String text, int at) {
        char c = text.charAt(at);
        return c >= '0' && c <= '9';
    }
}
