package com.translation.pipeline.ingest.batch;

import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotEmpty;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * {@code {"tasks": [...]}}, for the API documentation: the body is read as a stream ({@link
 * BatchReader}) and each item validated on its own by the event contract, whose JSON Schema file is
 * the item's schema in the document.
 */
@Schema(additionalProperties = Schema.AdditionalPropertiesValue.FALSE)
public record TaskBatchRequest(
        @ArraySchema(
                        schema = @Schema(ref = "#/components/schemas/Task"),
                        arraySchema =
                                @Schema(
                                        description =
                                                "At least one item, at most ingest.max-items"
                                                        + " (1000 unless configured)"))
                @NotEmpty
                List<JsonNode> tasks) {}
