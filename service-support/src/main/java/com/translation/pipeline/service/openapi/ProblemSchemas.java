package com.translation.pipeline.service.openapi;

import io.swagger.v3.oas.models.media.JsonSchema;
import io.swagger.v3.oas.models.media.Schema;
import java.util.List;
import java.util.Set;

/**
 * The schemas of every service's error answers: RFC 9457 problem details, with the {@code errors}
 * that name the refused fields (see {@code PipelineExceptionHandler#fieldsProblem}).
 */
final class ProblemSchemas {

    private ProblemSchemas() {}

    @SuppressWarnings("rawtypes")
    static Schema problem() {
        return object().description(
                        "RFC 9457 problem details. Answers that refuse fields name them in errors.")
                .addProperty("type", string("A URI that identifies the kind of problem"))
                .addProperty("title", string("A short summary of the kind of problem"))
                .addProperty("status", typed("integer").description("The HTTP status"))
                .addProperty("detail", string("What went wrong with this request"))
                .addProperty("instance", string("The request's path"))
                .addProperty(
                        "errors",
                        typed("array")
                                .description("The fields or parameters refused, when there are any")
                                .items(new JsonSchema().$ref("#/components/schemas/FieldError")))
                .required(List.of("title", "status"));
    }

    @SuppressWarnings("rawtypes")
    static Schema fieldError() {
        return object().description("One refused field")
                .addProperty(
                        "field",
                        string(
                                "The field or parameter as the request spells it"
                                        + " (older_than_days, page_size, sessions)"))
                .addProperty(
                        "reason",
                        string(
                                "A stable code for the kind of error (INVALID_TIMESTAMP), when"
                                        + " given"))
                .addProperty("message", string("What is wrong with it"))
                .required(List.of("field", "message"));
    }

    @SuppressWarnings("rawtypes")
    private static Schema string(String description) {
        return typed("string").description(description);
    }

    /** A schema of a JSON Schema type (OpenAPI 3.1 writes {@code types}, not {@code type}). */
    @SuppressWarnings("rawtypes")
    static Schema typed(String type) {
        return new JsonSchema().types(Set.of(type));
    }

    @SuppressWarnings("rawtypes")
    private static Schema object() {
        return typed("object");
    }
}
