package com.translation.pipeline.schema.event;

import java.util.List;

/** The outcome of validating one record: its typed value, or the reasons it is invalid. */
public record Validation<T>(T value, List<FieldError> errors) {

    public Validation {
        errors = List.copyOf(errors);
        if ((value == null) == errors.isEmpty()) {
            throw new IllegalArgumentException("a validation has either a value or errors");
        }
    }

    static <T> Validation<T> valid(T value) {
        return new Validation<>(value, List.of());
    }

    static <T> Validation<T> invalid(List<FieldError> errors) {
        return new Validation<>(null, errors);
    }

    static <T> Validation<T> invalid(String field, FieldError.Reason reason, String message) {
        return invalid(List.of(new FieldError(field, reason, message)));
    }

    public boolean isValid() {
        return errors.isEmpty();
    }
}
