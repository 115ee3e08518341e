package com.translation.pipeline.service.web;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.springframework.http.MediaType;

/**
 * Writes a problem+json answer (RFC 9457) where no controller advice can: in servlet filters and in
 * Tomcat's own error reports ({@link ProblemErrorReportValve}).
 */
public final class ProblemResponses {

    private ProblemResponses() {}

    /**
     * Sets {@code status} and the problem+json content type, and writes the problem.
     *
     * @param title the status's reason phrase
     * @param detail what was wrong, for a person; any text, escaped here
     * @throws IOException when the client is gone
     */
    public static void write(HttpServletResponse response, int status, String title, String detail)
            throws IOException {
        response.setStatus(status);
        // JSON is UTF-8 by definition: no charset parameter, like Spring's own problem answers.
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.getOutputStream()
                .write(json(status, title, detail).getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The problem document: {@code type} about:blank, {@code title}, {@code status}, {@code
     * detail}.
     */
    static String json(int status, String title, String detail) {
        return "{\"type\":\"about:blank\",\"title\":\""
                + escape(title)
                + "\",\"status\":"
                + status
                + ",\"detail\":\""
                + escape(detail)
                + "\"}";
    }

    /** {@code text} as the content of a JSON string (RFC 8259, section 7). */
    static String escape(String text) {
        StringBuilder escaped = new StringBuilder(text.length() + 8);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> escaped.append("\\\"");
                case '\\' -> escaped.append("\\\\");
                case '\n' -> escaped.append("\\n");
                case '\r' -> escaped.append("\\r");
                case '\t' -> escaped.append("\\t");
                default -> {
                    if (c < 0x20 || Character.isSurrogate(c) && !wellPaired(text, i)) {
                        escaped.append(String.format("\\u%04x", (int) c));
                    } else {
                        escaped.append(c);
                    }
                }
            }
        }
        return escaped.toString();
    }

    /** Whether the surrogate at {@code i} is half of a pair (a lone one has no UTF-8 form). */
    private static boolean wellPaired(String text, int i) {
        char c = text.charAt(i);
        return Character.isHighSurrogate(c)
                ? i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))
                : i > 0 && Character.isHighSurrogate(text.charAt(i - 1));
    }
}
