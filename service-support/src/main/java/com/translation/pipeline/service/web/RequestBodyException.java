package com.translation.pipeline.service.web;

import java.io.IOException;
import org.springframework.http.HttpStatus;

/**
 * Thrown while a request body is read, when the body breaks a limit of {@link WebLimitsProperties}:
 * answered with its status as problem+json by every service's {@link PipelineExceptionHandler},
 * however deep in a parser it was thrown.
 */
public abstract class RequestBodyException extends IOException {

    protected RequestBodyException(String message) {
        super(message);
    }

    /** The HTTP status that answers it. */
    public abstract HttpStatus status();

    /** The problem's title. */
    public abstract String title();
}
