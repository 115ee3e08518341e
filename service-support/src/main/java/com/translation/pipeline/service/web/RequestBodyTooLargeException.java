package com.translation.pipeline.service.web;

import org.springframework.http.HttpStatus;

/**
 * Thrown while reading a request body that passes {@link WebLimitsProperties#maxBodySize()}:
 * answered 413.
 */
public class RequestBodyTooLargeException extends RequestBodyException {

    /**
     * @param limit the largest body, in bytes
     */
    public RequestBodyTooLargeException(long limit) {
        super("The request body must be at most " + limit + " bytes.");
    }

    @Override
    public HttpStatus status() {
        return HttpStatus.CONTENT_TOO_LARGE;
    }

    @Override
    public String title() {
        return "Request body too large";
    }
}
