package com.translation.pipeline.query.web;

import com.translation.pipeline.schema.event.FieldError;
import com.translation.pipeline.schema.event.StorableTimestamps;
import java.time.DateTimeException;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** Reads query parameters, answering 400 with the parameter's name when one is unusable. */
public final class Parameters {

    private Parameters() {}

    /** The ids of the contract: 1 to 64 characters of {@code [A-Za-z0-9._:-]}, not . nor .. */
    private static final Pattern ID = Pattern.compile("(?!\\.\\.?$)[A-Za-z0-9._:-]{1,64}");

    private static final int MAX_USER_ID_LENGTH = 64;

    /**
     * A timestamp the database stores exactly ({@link StorableTimestamps}: RFC 3339, at most
     * microseconds, years 1000 to 9999 in UTC), as UTC; null when absent. Anything else is a 400
     * naming the parameter, never a value rounded or moved.
     */
    public static LocalDateTime timestamp(String name, String value) {
        if (value == null) {
            return null;
        }
        try {
            return LocalDateTime.ofInstant(StorableTimestamps.parse(value), ZoneOffset.UTC);
        } catch (DateTimeException e) {
            throw new InvalidParameterException(name, e.getMessage());
        }
    }

    /**
     * A session or task id as the contract defines them; anything else cannot name a stored record,
     * and the database's comparison (which ignores trailing spaces) must not be asked.
     */
    public static String id(String name, String value) {
        if (value != null && !ID.matcher(value).matches()) {
            throw new InvalidParameterException(
                    name, "must be 1 to 64 characters of A-Z, a-z, 0-9, '.', '_', ':' and '-'");
        }
        return value;
    }

    /** A user id filter: matched byte for byte, so it must be storable text of at most 64. */
    public static String userId(String value) {
        if (value == null) {
            return null;
        }
        if (value.codePointCount(0, value.length()) > MAX_USER_ID_LENGTH
                || !value.equals(FieldError.wholeUnicode(value))) {
            throw new InvalidParameterException(
                    "user_id", "must be Unicode text of at most 64 characters");
        }
        return value;
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
