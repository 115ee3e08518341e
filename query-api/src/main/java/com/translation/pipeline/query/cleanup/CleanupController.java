package com.translation.pipeline.query.cleanup;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** Retention cleanup of old terminal sessions. */
@Tag(name = "maintenance", description = "Retention cleanup")
@RestController
class CleanupController {

    private final RetentionCleaner cleaner;

    CleanupController(RetentionCleaner cleaner) {
        this.cleaner = cleaner;
    }

    @Operation(
            operationId = "cleanupSessions",
            summary = "Remove terminal sessions older than N days, with their tasks",
            description =
                    "dry_run defaults to true: counts and sample ids only. A real run deletes in"
                            + " bounded chunks.")
    @PostMapping("/api/v1/translation/sessions/cleanup")
    RetentionCleaner.Result cleanup(@Valid @RequestBody CleanupRequest request) {
        return cleaner.clean(request);
    }
}
