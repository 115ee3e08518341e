package com.translation.pipeline.ingest;

import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * What ingest-api does with a timestamp that has no offset, such as Python's {@code
 * datetime.utcnow().isoformat()} ({@code 2026-01-01T10:00:00.123456}) or {@code str(datetime)}
 * ({@code 2026-01-01 10:00:00.123456}): the setting {@code ingest.naive-timestamps}.
 *
 * <p>The contract (RFC 3339) requires an offset, because a local time without one names no instant.
 * The Python service this product replaces took such values as UTC, so a caller moving over can ask
 * for the same while it changes its code. Either way what reaches Kafka keeps the contract: with
 * {@link #UTC} the value is completed with {@code Z} before it is validated, so the event, the
 * stored row and every read say UTC explicitly (docs/migration.md says the risk).
 */
public enum NaiveTimestamps {
    /** Refused as {@code INVALID_TIMESTAMP}, as the contract says; the default. */
    REJECT,
    /**
     * Taken as UTC: a date and a time of day, separated by {@code T} or a space, with an optional
     * fraction and nothing after it, gets {@code T} and {@code Z}. Python's {@code str()} of an
     * aware datetime ({@code 2026-01-01 10:00:00+02:00}, a space before the time, which RFC 3339
     * section 5.6 allows by agreement) gets {@code T} and keeps its offset. Anything else is left
     * to the contract's validation.
     */
    UTC;

    private static final Pattern PYTHON =
            Pattern.compile(
                    "([0-9]{4}-[0-9]{2}-[0-9]{2})[Tt ]([0-9]{2}:[0-9]{2}:[0-9]{2}(?:\\.[0-9]+)?)"
                            + "([Zz]|[+-][0-9]{2}:[0-9]{2})?");

    /**
     * Applies this setting to the timestamp fields of one batch item, in place.
     *
     * @param item the item as posted; only an object's named fields holding strings are touched
     * @param fields the item type's timestamp fields, from the contract
     * @return {@code item}
     */
    public JsonNode apply(JsonNode item, Set<String> fields) {
        if (this == REJECT || !(item instanceof ObjectNode object)) {
            return item;
        }
        for (String field : fields) {
            JsonNode value = object.get(field);
            if (value != null && value.isString()) {
                String text = value.asString();
                Matcher python = PYTHON.matcher(text);
                // Only what the contract refuses is rewritten: no offset, or a space before the
                // time.
                if (python.matches() && (python.group(3) == null || text.charAt(10) == ' ')) {
                    String offset = python.group(3) == null ? "Z" : python.group(3);
                    object.put(field, python.group(1) + "T" + python.group(2) + offset);
                }
            }
        }
        return item;
    }
}
