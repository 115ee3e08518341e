package com.translation.pipeline.service.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import org.springframework.http.HttpHeaders;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.web.servlet.HandlerInterceptor;

/**
 * Refuses an API request whose {@code Accept} header takes no JSON with 406, before its endpoint
 * runs. Spring MVC checks {@code Accept} only when it writes the answer, after the work is done: a
 * batch was published and a session deleted although the caller got 406 and would send it again.
 * Every API answer is JSON ({@code application/json} or {@code application/problem+json}); an
 * {@code Accept} without a JSON type, or one that cannot be parsed, is answered 406 as problem+json
 * (RFC 9110 lets a server send a 406 in a type the client did not list).
 */
public class JsonAnswersOnly implements HandlerInterceptor {

    private static final List<MediaType> ANSWERS =
            List.of(MediaType.APPLICATION_JSON, MediaType.APPLICATION_PROBLEM_JSON);

    @Override
    public boolean preHandle(
            HttpServletRequest request, HttpServletResponse response, Object handler)
            throws IOException {
        List<String> accept = java.util.Collections.list(request.getHeaders(HttpHeaders.ACCEPT));
        if (accept.isEmpty() || takesJson(accept)) {
            return true;
        }
        ProblemResponses.write(
                request,
                response,
                HttpServletResponse.SC_NOT_ACCEPTABLE,
                "Not Acceptable",
                "Every answer of this API is application/json (errors application/problem+json),"
                        + " which Accept: "
                        + String.join(", ", accept)
                        + " does not take; nothing was done.");
        return false;
    }

    private static boolean takesJson(List<String> accept) {
        try {
            for (MediaType asked : MediaType.parseMediaTypes(accept)) {
                for (MediaType answer : ANSWERS) {
                    if (asked.isCompatibleWith(answer) && !isRefused(asked)) {
                        return true;
                    }
                }
            }
            return false;
        } catch (InvalidMediaTypeException e) {
            return false;
        }
    }

    /** {@code application/json;q=0} means "not JSON". */
    private static boolean isRefused(MediaType asked) {
        return asked.getQualityValue() == 0.0;
    }
}
