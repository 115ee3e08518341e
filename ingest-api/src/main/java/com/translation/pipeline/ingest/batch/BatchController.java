package com.translation.pipeline.ingest.batch;

import com.translation.pipeline.service.web.RequestBodyException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.io.InputStream;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/v1/translation/{sessions,tasks}/batch}. The body is read as a stream, item by
 * item ({@link BatchReader}); its documented shape is {@link SessionBatchRequest} or {@link
 * TaskBatchRequest}.
 */
@RestController
@RequestMapping("/api/v1/translation")
class BatchController {

    private static final String ATOMIC_HELP =
            "When true, nothing is published unless every item is valid (422 otherwise).";

    private final BatchIngestor ingestor;

    BatchController(BatchIngestor ingestor) {
        this.ingestor = ingestor;
    }

    @Operation(
            summary = "Publish a batch of sessions",
            description =
                    "202: every item is durably in Kafka (acks=all). 207: some items were rejected"
                        + " by validation and the rest are durably in Kafka. 422: nothing was"
                        + " published. 503 with Retry-After: Kafka did not acknowledge in time.")
    @io.swagger.v3.oas.annotations.parameters.RequestBody(
            content = @Content(schema = @Schema(implementation = SessionBatchRequest.class)))
    @Tag(name = "sessions", description = "Sessions: write in batches")
    @PostMapping(value = "/sessions/batch", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<?> sessions(
            InputStream body,
            @Parameter(description = ATOMIC_HELP) @RequestParam(defaultValue = "false")
                    boolean atomic)
            throws RequestBodyException {
        return respond(ingestor.ingest(RecordKind.SESSIONS, body, atomic));
    }

    @Operation(
            summary = "Publish a batch of tasks",
            description =
                    "Tasks are keyed by session_id, so a session's events stay in order. Statuses"
                            + " as for sessions.")
    @io.swagger.v3.oas.annotations.parameters.RequestBody(
            content = @Content(schema = @Schema(implementation = TaskBatchRequest.class)))
    @Tag(name = "tasks", description = "Tasks: write in batches")
    @PostMapping(value = "/tasks/batch", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<?> tasks(
            InputStream body,
            @Parameter(description = ATOMIC_HELP) @RequestParam(defaultValue = "false")
                    boolean atomic)
            throws RequestBodyException {
        return respond(ingestor.ingest(RecordKind.TASKS, body, atomic));
    }

    private static ResponseEntity<?> respond(BatchIngestor.Outcome outcome) {
        if (outcome.status().is2xxSuccessful()) {
            return ResponseEntity.status(outcome.status()).body(outcome.response());
        }
        ProblemDetail problem =
                ProblemDetail.forStatusAndDetail(
                        outcome.status(),
                        "No item was published; see results for each item's errors.");
        problem.setTitle("Nothing published");
        BatchProblems.addBatch(problem, outcome.response());
        return ResponseEntity.status(outcome.status()).body(problem);
    }
}
