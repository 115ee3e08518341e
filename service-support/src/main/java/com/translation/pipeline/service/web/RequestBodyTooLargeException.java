package com.translation.pipeline.service.web;

import java.io.IOException;

/** Thrown while reading a request body that passes {@link WebLimitsProperties#maxBodySize()}. */
public class RequestBodyTooLargeException extends IOException {

    private final long limit;

    public RequestBodyTooLargeException(long limit) {
        super("request body is larger than " + limit + " bytes");
        this.limit = limit;
    }

    public long limit() {
        return limit;
    }
}
