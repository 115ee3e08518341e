package com.translation.pipeline.service.web;

import java.util.Collection;
import java.util.regex.Pattern;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.exc.MismatchedInputException;

/**
 * What a client is told about JSON it sent that cannot be read: the parser's own words, without the
 * names of the classes behind it ({@code java.lang.Integer}, {@code JsonToken.START_OBJECT}, {@code
 * StreamReadConstraints.getMaxNumberLength()}), which say nothing to a client and something about
 * the server.
 */
public final class JsonMessages {

    private static final Pattern CONSTRAINT_SOURCE = Pattern.compile(",? ?from `[^`]*`| ?\\(\\)");
    private static final Pattern TOKEN = Pattern.compile("JsonToken\\.([A-Z_]+)");
    // Whole names only: not the tail of "StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION".
    private static final Pattern QUALIFIED_TYPE =
            Pattern.compile("`?(?<![\\w$.])(?:[a-z][a-z0-9_]*\\.)+[A-Z][\\w$]*(?:<[^>]*>)?`?");

    /**
     * A location's source, which the parser does not include: "[Source: REDACTED (...); line: 1".
     */
    private static final Pattern SOURCE = Pattern.compile("\\[Source: [^;\\]]*(?:\\([^)]*\\))?; ");

    /** A location the parser could not give: "(for Object starting at [byte offset: #UNKNOWN])". */
    private static final Pattern UNKNOWN_LOCATION =
            Pattern.compile(" ?\\([^()]*\\[byte offset: #UNKNOWN\\]\\)");

    private JsonMessages() {}

    /**
     * A message for {@code error}: for a value of the wrong type, what the field must be; for
     * anything else the parser's message, cleaned of class names.
     */
    public static String of(JacksonException error) {
        if (error instanceof MismatchedInputException mismatch
                && mismatch.getTargetType() != null) {
            return "must be " + expected(mismatch.getTargetType());
        }
        return clean(error.getOriginalMessage());
    }

    /** What a value of {@code type} is, in a client's words: "a whole number", "true or false". */
    public static String expected(Class<?> type) {
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (type == Integer.class || type == int.class) {
            return "a whole number from -2147483648 to 2147483647";
        }
        if (type == Long.class
                || type == long.class
                || type == Short.class
                || type == short.class) {
            return "a whole number";
        }
        if (Number.class.isAssignableFrom(type) || type.isPrimitive()) {
            return "a number";
        }
        if (type == String.class) {
            return "a string";
        }
        if (type.isArray() || Collection.class.isAssignableFrom(type)) {
            return "a list";
        }
        if (type.isEnum()) {
            return "one of its documented values";
        }
        return "an object";
    }

    /** {@code message} without class names; null stays null. */
    static String clean(String message) {
        if (message == null) {
            return null;
        }
        String cleaned = SOURCE.matcher(message).replaceAll("[");
        cleaned = UNKNOWN_LOCATION.matcher(cleaned).replaceAll("");
        cleaned = CONSTRAINT_SOURCE.matcher(cleaned).replaceAll("");
        cleaned = CONSTRAINT_SOURCE.matcher(cleaned).replaceAll("");
        cleaned =
                TOKEN.matcher(cleaned)
                        .replaceAll(
                                token ->
                                        switch (token.group(1)) {
                                            case "START_OBJECT" -> "'{'";
                                            case "END_OBJECT" -> "'}'";
                                            case "START_ARRAY" -> "'['";
                                            case "END_ARRAY" -> "']'";
                                            case "VALUE_STRING" -> "a string";
                                            case "VALUE_NUMBER_INT", "VALUE_NUMBER_FLOAT" ->
                                                    "a number";
                                            case "VALUE_TRUE", "VALUE_FALSE" -> "a boolean";
                                            case "VALUE_NULL" -> "null";
                                            case "PROPERTY_NAME" -> "a field name";
                                            default -> "a JSON token";
                                        });
        return QUALIFIED_TYPE.matcher(cleaned).replaceAll("a value");
    }
}
