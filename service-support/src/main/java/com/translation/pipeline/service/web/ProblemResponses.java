package com.translation.pipeline.service.web;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.springframework.http.MediaType;

/** Writes a problem+json answer where no controller advice can: in servlet filters. */
public final class ProblemResponses {

    private ProblemResponses() {}

    public static void write(HttpServletResponse response, int status, String title, String detail)
            throws IOException {
        response.setStatus(status);
        // JSON is UTF-8 by definition: no charset parameter, like Spring's own problem answers.
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        String json =
                "{\"type\":\"about:blank\",\"title\":\""
                        + escape(title)
                        + "\",\"status\":"
                        + status
                        + ",\"detail\":\""
                        + escape(detail)
                        + "\"}";
        response.getOutputStream().write(json.getBytes(StandardCharsets.UTF_8));
    }

    private static String escape(String text) {
        return text.replace("\\", "\\\\").replace("\"", "\\\"");
    }
}
