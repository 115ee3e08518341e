package com.translation.pipeline.query.web;

import com.translation.pipeline.service.web.InvalidFieldException;

/** A query parameter that cannot be used: answered 400, naming the parameter. */
public class InvalidParameterException extends InvalidFieldException {

    /**
     * @param parameter the parameter as the request names it ({@code page_size})
     * @param message what is wrong with it, for the client
     */
    public InvalidParameterException(String parameter, String message) {
        super(parameter, message);
    }

    public String parameter() {
        return field();
    }
}
