package com.translation.pipeline.service.web;

import java.io.IOException;
import java.io.Writer;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.ActionCode;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;

/**
 * Tomcat's error report as problem+json instead of its HTML page. It answers what Tomcat refuses
 * before any filter or controller sees the request: an encoded slash ({@code %2F}) or an encoded
 * NUL in the path, a path that climbs above the root, a malformed request line. Errors of the
 * application are answered by the application (Spring's problem details and the filters' {@link
 * ProblemResponses}); this valve writes only where nothing was written, as Tomcat's does. The
 * detail is Tomcat's message, never a stack trace.
 */
public class ProblemErrorReportValve extends ErrorReportValve {

    /** Writes the problem for an error status that nothing answered yet; otherwise nothing. */
    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        int status = response.getStatus();
        if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
            return;
        }
        AtomicBoolean ioAllowed = new AtomicBoolean();
        response.getCoyoteResponse().action(ActionCode.IS_IO_ALLOWED, ioAllowed);
        if (!ioAllowed.get()) {
            return;
        }
        HttpStatus known = HttpStatus.resolve(status);
        String title = known == null ? "Error" : known.getReasonPhrase();
        String message = response.getMessage();
        String detail = message == null || message.isBlank() ? title : message;
        try {
            response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
            // No charset: the problem is ASCII (ProblemResponses escapes the rest), as JSON needs
            // none.
            Writer writer = response.getReporter();
            if (writer != null) {
                writer.write(ProblemResponses.json(status, title, detail, request.getRequestURI()));
                response.finishResponse();
            }
        } catch (IOException | IllegalStateException e) {
            // The client is gone or the response was committed meanwhile: nothing to answer.
        }
    }
}
