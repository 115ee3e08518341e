package com.translation.pipeline.schema.event;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * Reads the contract's timestamps. Every timestamp of every event is read on the hot paths of
 * ingest-api and the worker, and {@link OffsetDateTime#parse} cost a fifth of ingest-api's CPU
 * (docs/benchmarks.md). The contract's shape, {@code yyyy-MM-ddTHH:mm:ss[.ffffff](Z|±HH:mm)}, is
 * read here directly; its values are still checked by {@link LocalDateTime#of} and {@link
 * ZoneOffset#ofHoursMinutes}, and any other text goes to {@link OffsetDateTime#parse}, so both
 * paths accept and refuse the same texts.
 */
final class Rfc3339 {

    private static final int DATE_TIME_LENGTH = "2026-03-01T12:00:00".length();
    private static final int MAX_FRACTION_DIGITS = 9;

    private Rfc3339() {}

    /** The instant {@code text} names. */
    static Instant parse(String text) {
        Instant instant = parseContractShape(text);
        return instant != null ? instant : OffsetDateTime.parse(text).toInstant();
    }

    /** The instant, or null when {@code text} is not in the contract's shape. */
    private static Instant parseContractShape(String text) {
        int length = text.length();
        if (length < DATE_TIME_LENGTH + 1
                || text.charAt(4) != '-'
                || text.charAt(7) != '-'
                || (text.charAt(10) != 'T' && text.charAt(10) != 't')
                || text.charAt(13) != ':'
                || text.charAt(16) != ':') {
            return null;
        }
        int year = digits(text, 0, 4);
        int month = digits(text, 5, 2);
        int day = digits(text, 8, 2);
        int hour = digits(text, 11, 2);
        int minute = digits(text, 14, 2);
        int second = digits(text, 17, 2);
        int position = DATE_TIME_LENGTH;
        int nanos = 0;
        if (text.charAt(position) == '.') {
            int start = ++position;
            while (position < length && isDigit(text.charAt(position))) {
                position++;
            }
            int count = position - start;
            if (count == 0 || count > MAX_FRACTION_DIGITS) {
                return null;
            }
            nanos = digits(text, start, count);
            for (int i = count; i < MAX_FRACTION_DIGITS; i++) {
                nanos *= 10;
            }
        }
        ZoneOffset offset = offset(text, position);
        if (year < 0 || month < 0 || day < 0 || hour < 0 || minute < 0 || second < 0) {
            return null;
        }
        if (offset == null) {
            return null;
        }
        return LocalDateTime.of(year, month, day, hour, minute, second, nanos).toInstant(offset);
    }

    private static ZoneOffset offset(String text, int position) {
        int remaining = text.length() - position;
        if (remaining == 1 && (text.charAt(position) == 'Z' || text.charAt(position) == 'z')) {
            return ZoneOffset.UTC;
        }
        char sign = remaining == 6 ? text.charAt(position) : ' ';
        if ((sign != '+' && sign != '-') || text.charAt(position + 3) != ':') {
            return null;
        }
        int hours = digits(text, position + 1, 2);
        int minutes = digits(text, position + 4, 2);
        if (hours < 0 || minutes < 0) {
            return null;
        }
        try {
            return sign == '+'
                    ? ZoneOffset.ofHoursMinutes(hours, minutes)
                    : ZoneOffset.ofHoursMinutes(-hours, -minutes);
        } catch (DateTimeException e) {
            return null;
        }
    }

    /** The decimal number of {@code count} digits at {@code start}, or -1 for any non-digit. */
    private static int digits(String text, int start, int count) {
        int value = 0;
        for (int i = start; i < start + count; i++) {
            char c = text.charAt(i);
            if (!isDigit(c)) {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }
}
