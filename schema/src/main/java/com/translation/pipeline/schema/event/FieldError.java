package com.translation.pipeline.schema.event;

/**
 * Why one field of a record is invalid. {@code field} is the JSON path from the record (for an
 * item) or from the envelope (for a Kafka record): {@code status}, {@code metadata}, {@code
 * data.updated_at}; empty for the whole record.
 */
public record FieldError(String field, Reason reason, String message) {

    /**
     * Field and message may echo a client's text (an unknown field's name, say); an unpaired
     * surrogate in it is replaced by U+FFFD so that the answer can be written as UTF-8.
     */
    public FieldError {
        field = wholeUnicode(field);
        message = wholeUnicode(message);
    }

    /**
     * The error of a number whose exponent no decimal holds ({@code 1e99999999999}): the parser
     * cannot read it at all, so ingest-api and the worker both find it while parsing.
     *
     * @param field the field that holds it, as the answer or the dead letter names fields
     */
    public static FieldError numberBeyondRange(String field) {
        return new FieldError(
                field,
                Reason.OUT_OF_RANGE,
                "holds a number beyond any range the contract or the database can keep");
    }

    /**
     * {@code text} with every unpaired UTF-16 surrogate replaced by U+FFFD, the replacement
     * character; null stays null.
     */
    public static String wholeUnicode(String text) {
        if (text == null) {
            return null;
        }
        StringBuilder whole = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean pair =
                    Character.isHighSurrogate(c)
                            && i + 1 < text.length()
                            && Character.isLowSurrogate(text.charAt(i + 1));
            if (pair) {
                if (whole != null) {
                    whole.append(c).append(text.charAt(i + 1));
                }
                i++;
            } else if (Character.isSurrogate(c)) {
                if (whole == null) {
                    whole = new StringBuilder(text.length()).append(text, 0, i);
                }
                whole.append('\uFFFD');
            } else if (whole != null) {
                whole.append(c);
            }
        }
        return whole == null ? text : whole.toString();
    }

    /** A stable, low-cardinality code: metrics count rejections by it. */
    public enum Reason {
        MALFORMED,
        MISSING,
        UNKNOWN_FIELD,
        WRONG_TYPE,
        INVALID_VALUE,
        INVALID_TIMESTAMP,
        TOO_LONG,
        TOO_LARGE,
        TOO_DEEP,
        OUT_OF_RANGE
    }

    @Override
    public String toString() {
        return (field.isEmpty() ? "record" : field) + ": " + message;
    }
}
