package com.translation.pipeline.ingest.flush;

import com.translation.pipeline.service.openapi.ApiDocumentationAutoConfiguration;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.media.JsonSchema;
import java.util.List;
import java.util.Set;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.stereotype.Component;

/**
 * The {@code FlushTimeout} schema of the OpenAPI document: the problem+json of a flush that timed
 * out, with {@code pending} and {@code waited_ms} beside the problem's fields ({@link
 * FlushController}).
 */
@Component
class FlushDocumentation implements OpenApiCustomizer {

    @Override
    public void customise(OpenAPI openApi) {
        openApi.getComponents()
                .addSchemas(
                        "FlushTimeout",
                        new JsonSchema()
                                .description("A flush that timed out")
                                .allOf(
                                        List.of(
                                                new JsonSchema()
                                                        .$ref(
                                                                ApiDocumentationAutoConfiguration
                                                                        .PROBLEM),
                                                new JsonSchema()
                                                        .types(Set.of("object"))
                                                        .addProperty(
                                                                "pending",
                                                                new JsonSchema()
                                                                        .types(Set.of("integer"))
                                                                        .description(
                                                                                "Events not yet"
                                                                                    + " applied"))
                                                        .addProperty(
                                                                "waited_ms",
                                                                new JsonSchema()
                                                                        .types(Set.of("integer"))
                                                                        .description(
                                                                                "Milliseconds"
                                                                                    + " waited"))
                                                        .required(
                                                                List.of("pending", "waited_ms")))));
    }
}
