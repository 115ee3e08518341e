package com.translation.pipeline.schema.event;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.regex.Pattern;

/**
 * The timestamps the database stores exactly: RFC 3339 with an offset and at most microseconds
 * (DATETIME(6) keeps no more, and rounds rather than truncates), between the years {@value
 * #MIN_YEAR} and {@value #MAX_YEAR} in UTC (DATETIME's documented range). Events and query
 * parameters follow the same rule.
 */
public final class StorableTimestamps {

    public static final int MIN_YEAR = 1000;
    public static final int MAX_YEAR = 9999;

    /** The shape of {@code common.v1.json#/$defs/timestamp}. */
    private static final Pattern SHAPE =
            Pattern.compile(
                    "[0-9]{4}-[0-9]{2}-[0-9]{2}[Tt][0-9]{2}:[0-9]{2}:[0-9]{2}(\\.[0-9]{1,6})?"
                            + "([Zz]|[+-][0-9]{2}:[0-9]{2})");

    private StorableTimestamps() {}

    /**
     * The instant {@code text} names.
     *
     * @throws DateTimeException when it is not such a timestamp; the message says why, for a client
     */
    public static Instant parse(String text) {
        if (!SHAPE.matcher(text).matches()) {
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
        int year = instant.atOffset(ZoneOffset.UTC).getYear();
        if (year < MIN_YEAR || year > MAX_YEAR) {
            throw new DateTimeException(
                    "must be between years " + MIN_YEAR + " and " + MAX_YEAR + " in UTC");
        }
    }
}
