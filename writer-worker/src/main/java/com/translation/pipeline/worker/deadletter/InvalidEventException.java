package com.translation.pipeline.worker.deadletter;

import com.translation.pipeline.schema.event.FieldError;
import java.util.List;
import java.util.stream.Collectors;

/** Why a record is not a valid event; its message becomes the dead letter's reason header. */
public class InvalidEventException extends RuntimeException {

    public InvalidEventException(List<FieldError> errors) {
        super(
                "not a valid event: "
                        + errors.stream()
                                .map(FieldError::toString)
                                .collect(Collectors.joining("; ")),
                null,
                false,
                false);
    }
}
