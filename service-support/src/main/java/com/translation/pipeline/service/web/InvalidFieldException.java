package com.translation.pipeline.service.web;

/**
 * A request field or parameter that cannot be used: answered 400 problem+json naming it, by every
 * service's {@link PipelineExceptionHandler}.
 */
public class InvalidFieldException extends RuntimeException {

    private final String field;

    /**
     * @param field the field as the request names it ({@code letters[2]}, {@code limit})
     * @param message what is wrong with it, for the client
     */
    public InvalidFieldException(String field, String message) {
        super(message, null, false, false);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
