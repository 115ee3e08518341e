package com.translation.pipeline.ingest.batch;

import com.translation.pipeline.service.openapi.ApiDocumentationAutoConfiguration;
import io.swagger.v3.oas.models.media.JsonSchema;
import java.util.List;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.stereotype.Component;

/**
 * The {@code BatchProblem} schema of the OpenAPI document: the problem+json of a 422 or 503 batch
 * answer, which carries the batch's counts and per-item results ({@link BatchProblems}) beside the
 * problem's fields.
 */
@Component
class BatchDocumentation implements OpenApiCustomizer {

    static final String BATCH_PROBLEM = "#/components/schemas/BatchProblem";

    @Override
    public void customise(io.swagger.v3.oas.models.OpenAPI openApi) {
        openApi.getComponents()
                .addSchemas(
                        "BatchProblem",
                        new JsonSchema()
                                .description(
                                        "Problem details with the batch's counts and each item's"
                                                + " result")
                                .allOf(
                                        List.of(
                                                new JsonSchema()
                                                        .$ref(
                                                                ApiDocumentationAutoConfiguration
                                                                        .PROBLEM),
                                                new JsonSchema()
                                                        .$ref(
                                                                "#/components/schemas/"
                                                                        + BatchResponse.class
                                                                                .getSimpleName()))));
    }
}
