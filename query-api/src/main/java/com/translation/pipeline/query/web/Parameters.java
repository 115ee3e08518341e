package com.translation.pipeline.query.web;

import java.time.DateTimeException;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/** Reads query parameters, answering 400 with the parameter's name when one is unusable. */
public final class Parameters {

    private Parameters() {}

    /** An RFC 3339 timestamp with an offset, as UTC; null when absent. */
    public static LocalDateTime timestamp(String name, String value) {
        if (value == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(value).atZoneSameInstant(ZoneOffset.UTC).toLocalDateTime();
        } catch (DateTimeException e) {
            throw new InvalidParameterException(
                    name,
                    "must be an RFC 3339 timestamp with an offset, e.g. 2026-03-01T10:00:00Z");
        }
    }

    /** One of the allowed lowercase values; null when absent. */
    public static String oneOf(String name, String value, Set<String> allowed) {
        if (value == null) {
            return null;
        }
        if (!allowed.contains(value)) {
            throw new InvalidParameterException(
                    name,
                    "must be one of "
                            + allowed.stream().sorted().collect(Collectors.joining(", ")));
        }
        return value;
    }

    /** Lowercase wire names of an enum's constants. */
    public static Set<String> wireNames(Class<? extends Enum<?>> type) {
        return Arrays.stream(type.getEnumConstants())
                .map(constant -> constant.name().toLowerCase(Locale.ROOT))
                .collect(Collectors.toUnmodifiableSet());
    }
}
