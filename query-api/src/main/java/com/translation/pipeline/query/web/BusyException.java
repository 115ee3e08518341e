package com.translation.pipeline.query.web;

/**
 * A request refused because the service has no room for it now, before anything of its answer was
 * sent: 503 with {@code Retry-After}, problem+json ({@code QueryExceptionHandler}). Unchecked, so
 * that it passes through the JSON writer unwrapped where the writer allows.
 */
public abstract class BusyException extends RuntimeException {

    /**
     * @param message why, and which setting bounds it
     */
    protected BusyException(String message) {
        super(message);
    }
}
