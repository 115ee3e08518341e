package com.translation.pipeline.service.web;

import org.springframework.http.HttpStatus;

/**
 * Thrown by a read of a request body that would wait for bytes while {@link
 * WebLimitsProperties#maxBodyReadWaits()} threads already wait: answered 503 with Retry-After, the
 * connection closed.
 */
public class RequestBodyWaitsExhaustedException extends RequestBodyException {

    public RequestBodyWaitsExhaustedException() {
        super(
                "The service is waiting for as many slow request bodies as it has threads for;"
                        + " send this one again after Retry-After.");
    }

    @Override
    public HttpStatus status() {
        return HttpStatus.SERVICE_UNAVAILABLE;
    }

    @Override
    public String title() {
        return "Too many slow request bodies";
    }
}
