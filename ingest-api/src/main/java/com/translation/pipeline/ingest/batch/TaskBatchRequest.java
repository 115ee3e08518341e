package com.translation.pipeline.ingest.batch;

import jakarta.validation.constraints.NotEmpty;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * {@code {"tasks": [...]}}, for the API documentation: the body is read as a stream ({@link
 * BatchReader}) and each item validated on its own by the event contract.
 */
public record TaskBatchRequest(@NotEmpty List<JsonNode> tasks) {}
