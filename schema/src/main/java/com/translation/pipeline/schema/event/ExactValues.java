package com.translation.pipeline.schema.event;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * Whether a JSON value comes back from the database exactly as it was sent, so that nothing is
 * accepted that the pipeline would alter on its way.
 *
 * <ul>
 *   <li><b>Strings</b> (and object keys) must be whole Unicode text: an unpaired UTF-16 surrogate,
 *       which JSON's {@code \ud800} escape can produce, has no UTF-8 form and would be stored as
 *       {@code ?}.
 *   <li><b>Numbers</b> (only free-form metadata has numbers that are not bounded integers) must be
 *       integers between -2<sup>63</sup> and 2<sup>64</sup>-1, which MySQL's JSON type stores as
 *       integers, or numbers that a 64-bit double holds as written: MySQL stores every other number
 *       as a double and reads it back as the shortest decimal that identifies that double, so
 *       {@code 1e400} would become Infinity and {@code 0.10000000000000001} would become {@code
 *       0.1}. {@code 0.1}, {@code 1.5e-7} or {@code 2e23} are exact in this sense; any number of at
 *       most 15 significant digits within the double range is.
 * </ul>
 */
final class ExactValues {

    private static final BigInteger MIN_INTEGER = BigInteger.valueOf(Long.MIN_VALUE);
    private static final BigInteger MAX_INTEGER =
            BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);
    private static final int DIGITS_ALWAYS_EXACT = 15;
    private static final int MAX_SHORTEST_DIGITS = 17;

    private ExactValues() {}

    /** The first part of {@code value} the database would not give back as sent; null when none. */
    static String problem(JsonNode value) {
        if (value.isString()) {
            return stringProblem(value.asString());
        }
        if (value.isNumber()) {
            return isExact(value) ? null : "the number " + value + " cannot be stored exactly";
        }
        if (value.isObject()) {
            for (Map.Entry<String, JsonNode> property : value.properties()) {
                String problem = stringProblem(property.getKey());
                if (problem == null) {
                    problem = problem(property.getValue());
                }
                if (problem != null) {
                    return problem;
                }
            }
        } else if (value.isArray()) {
            for (JsonNode element : value) {
                String problem = problem(element);
                if (problem != null) {
                    return problem;
                }
            }
        }
        return null;
    }

    /** The problem of a string, when it is not whole Unicode text; null otherwise. */
    static String stringProblem(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c)
                    && i + 1 < text.length()
                    && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return String.format(
                        "contains an unpaired UTF-16 surrogate (\\u%04x at character %d), which"
                                + " is not Unicode text",
                        (int) c, i);
            }
        }
        return null;
    }

    static boolean isExact(JsonNode number) {
        if (number.isInt() || number.isLong() || number.isShort()) {
            return true;
        }
        if (number.isBigInteger()) {
            BigInteger value = number.bigIntegerValue();
            return (value.compareTo(MIN_INTEGER) >= 0 && value.compareTo(MAX_INTEGER) <= 0)
                    || isExactDouble(new BigDecimal(value));
        }
        if (number.isBigDecimal()) {
            return isExactDouble(number.decimalValue());
        }
        return Double.isFinite(number.doubleValue());
    }

    /**
     * Whether {@code value} is the shortest decimal of the double nearest to it: the closest
     * decimal of the fewest digits that reads back as that double, which is what MySQL writes.
     */
    static boolean isExactDouble(BigDecimal value) {
        if (value.signum() == 0) {
            return true;
        }
        BigDecimal stripped = value.stripTrailingZeros();
        // 10^±309 and beyond are outside the double range whatever the digits.
        long exponent = (long) stripped.precision() - stripped.scale() - 1;
        if (exponent > 308 || exponent < -324) {
            return false;
        }
        double nearest = stripped.doubleValue();
        if (!Double.isFinite(nearest) || nearest == 0) {
            return false;
        }
        if (stripped.precision() <= DIGITS_ALWAYS_EXACT && Math.abs(nearest) >= Double.MIN_NORMAL) {
            return true;
        }
        BigDecimal binary = new BigDecimal(nearest);
        for (int digits = 1; digits <= MAX_SHORTEST_DIGITS; digits++) {
            BigDecimal shortest = binary.round(new MathContext(digits, RoundingMode.HALF_EVEN));
            if (shortest.doubleValue() == nearest) {
                return shortest.compareTo(stripped) == 0;
            }
        }
        return false;
    }
}
