package com.translation.pipeline.query.cleanup;

import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.util.List;

/**
 * {@code POST /api/v1/translation/sessions/cleanup}.
 *
 * @param olderThanDays sessions last updated at least this many days ago
 * @param statuses which terminal statuses to remove; all of completed, failed, cancelled when
 *     absent
 * @param dryRun true (the default) only counts and samples what a real run would remove
 */
@Schema(additionalProperties = Schema.AdditionalPropertiesValue.FALSE)
public record CleanupRequest(
        @NotNull @Min(0) @Max(36500) Integer olderThanDays,
        @ArraySchema(
                        minItems = 1,
                        schema = @Schema(allowableValues = {"completed", "failed", "cancelled"}))
                List<String> statuses,
        @Schema(defaultValue = "true") Boolean dryRun) {}
