package com.translation.pipeline.ingest.batch;

import static com.translation.pipeline.service.openapi.ApiDocumentationAutoConfiguration.PROBLEM;
import static com.translation.pipeline.service.openapi.ApiDocumentationAutoConfiguration.PROBLEM_JSON;
import static com.translation.pipeline.service.openapi.ApiDocumentationAutoConfiguration.RETRY_AFTER;

import com.translation.pipeline.service.web.RequestBodyException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
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
@ApiResponse(
        responseCode = "202",
        description = "Every item is durably in Kafka (acks=all)",
        content =
                @Content(
                        mediaType = "application/json",
                        schema = @Schema(implementation = BatchResponse.class)))
@ApiResponse(
        responseCode = "207",
        description =
                "Some items were rejected by validation (each names its fields); the accepted ones"
                        + " are durably in Kafka",
        content =
                @Content(
                        mediaType = "application/json",
                        schema = @Schema(implementation = BatchResponse.class)))
@ApiResponse(
        responseCode = "413",
        description =
                "More items than ingest.max-items, or a body larger than"
                        + " pipeline.web.max-body-size; nothing published",
        content = @Content(mediaType = PROBLEM_JSON, schema = @Schema(ref = PROBLEM)))
@ApiResponse(
        responseCode = "422",
        description =
                "Nothing published: every item is invalid, or one is and the batch is atomic. The"
                        + " results say why, item by item",
        content =
                @Content(
                        mediaType = PROBLEM_JSON,
                        schema = @Schema(ref = BatchDocumentation.BATCH_PROBLEM)))
@ApiResponse(
        responseCode = "503",
        description =
                "Kafka did not acknowledge some items in time: those are failed and may or may not"
                        + " be stored; send them again after Retry-After (the accepted ones are"
                        + " stored). Also, without results and with nothing published, when Kafka"
                        + " cannot be reached at all or when the items being read take all the"
                        + " memory set aside for them (ingest.max-item-memory-in-flight)",
        headers = @Header(name = "Retry-After", ref = RETRY_AFTER),
        content =
                @Content(
                        mediaType = PROBLEM_JSON,
                        schema = @Schema(ref = BatchDocumentation.BATCH_PROBLEM)))
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
            operationId = "publishSessions",
            summary = "Publish a batch of sessions",
            description =
                    "Each item is validated on its own against the event contract (the Session"
                            + " schema) and published keyed by session_id. An item is accepted"
                            + " only once Kafka has acknowledged it (acks=all).")
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
            operationId = "publishTasks",
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
