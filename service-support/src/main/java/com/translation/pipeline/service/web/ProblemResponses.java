package com.translation.pipeline.service.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.springframework.http.MediaType;
import tools.jackson.core.json.JsonWriteFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes a problem+json answer (RFC 9457) where no controller advice can: in servlet filters and in
 * Tomcat's own error reports ({@link ProblemErrorReportValve}).
 */
public final class ProblemResponses {

    private static final JsonMapper JSON =
            JsonMapper.builder().enable(JsonWriteFeature.ESCAPE_NON_ASCII).build();

    private ProblemResponses() {}

    /**
     * Sets {@code status} and the problem+json content type, and writes the problem, with the
     * request's path as its {@code instance} as Spring's own problem answers have it.
     *
     * @param request the request answered
     * @param title the status's reason phrase
     * @param detail what was wrong, for a person; any text, escaped here
     * @throws IOException when the client is gone
     */
    public static void write(
            HttpServletRequest request,
            HttpServletResponse response,
            int status,
            String title,
            String detail)
            throws IOException {
        response.setStatus(status);
        // JSON is UTF-8 by definition: no charset parameter, like Spring's own problem answers.
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.getOutputStream()
                .write(
                        json(status, title, detail, request.getRequestURI())
                                .getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The problem document: {@code type} about:blank, {@code title}, {@code status}, {@code
     * detail}, in ASCII (every other character escaped, so that a lone surrogate in the detail is
     * still JSON and a writer of any charset can carry it).
     */
    /**
     * The problem document with {@code instance}, the path of the request answered (as the request
     * line has it, percent-encoded), when it is one: a path that is not a URI reference is left out
     * rather than written wrong.
     */
    static String json(int status, String title, String detail, String path) {
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("type", "about:blank");
        problem.put("title", title);
        problem.put("status", status);
        problem.put("detail", detail);
        instance(path).ifPresent(instance -> problem.put("instance", instance.toString()));
        return JSON.writeValueAsString(problem);
    }

    /**
     * A request's path (as the request line has it, percent-encoded) as a problem's {@code
     * instance}; empty when it is not an absolute path that is a URI reference, which the container
     * may have refused it for: no instance rather than a wrong one.
     */
    static Optional<URI> instance(Object path) {
        if (!(path instanceof String text) || !text.startsWith("/")) {
            return Optional.empty();
        }
        try {
            return Optional.of(URI.create(text));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
