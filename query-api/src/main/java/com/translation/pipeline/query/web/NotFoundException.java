package com.translation.pipeline.query.web;

/** The session or task does not exist (or was deleted): answered 404. */
public class NotFoundException extends RuntimeException {

    public NotFoundException(String what, String id) {
        super("No " + what + " with id '" + id + "'.");
    }
}
