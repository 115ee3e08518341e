package com.translation.pipeline.service.web;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The page every service's servlet errors are forwarded to ({@code server.error.path}, {@code
 * /error}), in place of Boot's {@code BasicErrorController}: problem+json like every other answer.
 *
 * <p>It answers what the container refuses after routing and before any controller: {@code TRACE}
 * (405 with Tomcat's {@code Allow}), an error a filter reported with {@code sendError}. The detail
 * is the container's message for a 4xx and the status's reason phrase for a 5xx, never internals.
 * Asked for directly, {@code GET /error} is a path that nothing serves: 404, where Boot answered
 * 500 with status 999.
 */
@RestController
@RequestMapping("${server.error.path:${error.path:/error}}")
public class ProblemErrorController implements ErrorController {

    /**
     * @param request the forwarded request, whose error attributes the container set; none when the
     *     page was requested directly
     * @return the problem, with the error's status
     */
    @RequestMapping
    ResponseEntity<ProblemDetail> error(HttpServletRequest request) {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        if (!(code instanceof Integer status)) {
            return problem(HttpStatus.NOT_FOUND.value(), EndpointLookup.notServedDetail(request));
        }
        Object message = request.getAttribute(RequestDispatcher.ERROR_MESSAGE);
        boolean said = status < 500 && message instanceof String text && !text.isBlank();
        ResponseEntity<ProblemDetail> answer = problem(status, said ? (String) message : null);
        // The refused request's path, as every other answer of the service has it.
        ProblemResponses.instance(request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI))
                .ifPresent(answer.getBody()::setInstance);
        return answer;
    }

    private static ResponseEntity<ProblemDetail> problem(int status, String detail) {
        HttpStatus known = HttpStatus.resolve(status);
        String title = known == null ? "Error" : known.getReasonPhrase();
        ProblemDetail problem = ProblemDetail.forStatus(status);
        problem.setTitle(title);
        problem.setDetail(detail == null ? title : detail);
        return ResponseEntity.status(status)
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(problem);
    }
}
