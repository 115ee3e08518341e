package com.translation.pipeline.service.web;

import org.springframework.http.HttpStatus;

/**
 * Thrown while reading a request body that arrives slower than {@link
 * WebLimitsProperties#minBodyRate()} once {@link WebLimitsProperties#bodyRateGrace()} has passed:
 * answered 408, and the connection closed, so that a client sending a byte a second cannot hold a
 * request thread.
 */
public class RequestBodyTooSlowException extends RequestBodyException {

    /**
     * @param read the bytes read so far
     * @param seconds the seconds spent reading them
     * @param minBytesPerSecond the slowest rate allowed
     */
    public RequestBodyTooSlowException(long read, double seconds, long minBytesPerSecond) {
        super(
                String.format(
                        java.util.Locale.ROOT,
                        "The request body arrived at %d bytes in %.1f s; it must arrive at %d"
                                + " bytes a second or more.",
                        read,
                        seconds,
                        minBytesPerSecond));
    }

    @Override
    public HttpStatus status() {
        return HttpStatus.REQUEST_TIMEOUT;
    }

    @Override
    public String title() {
        return "Request body too slow";
    }
}
