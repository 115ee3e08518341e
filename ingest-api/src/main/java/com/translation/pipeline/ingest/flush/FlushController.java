package com.translation.pipeline.ingest.flush;

import com.translation.pipeline.ingest.IngestProperties;
import com.translation.pipeline.service.openapi.ApiDocumentationAutoConfiguration;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.PositiveOrZero;
import java.time.Duration;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** {@code POST /api/v1/translation/flush}: wait until what was published before is in MySQL. */
@Tag(name = "flush", description = "Read-your-writes barrier")
@RestController
class FlushController {

    private final FlushBarrier barrier;
    private final IngestProperties properties;

    FlushController(FlushBarrier barrier, IngestProperties properties) {
        this.barrier = barrier;
        this.properties = properties;
    }

    /**
     * @param timeoutMs how long to wait at most; default 30 s, at most {@code
     *     ingest.flush-max-timeout}
     */
    @Schema(additionalProperties = Schema.AdditionalPropertiesValue.FALSE)
    record FlushRequest(
            @Schema(
                            minimum = "0",
                            description =
                                    "Milliseconds to wait at most; 30000 unless given, at most"
                                            + " ingest.flush-max-timeout")
                    @PositiveOrZero
                    Long timeoutMs) {}

    /**
     * @param status always {@code flushed}
     * @param waitedMs how long the barrier waited, in milliseconds
     */
    record FlushResponse(
            @Schema(allowableValues = "flushed") String status,
            @Schema(description = "Milliseconds waited") long waitedMs) {}

    @Operation(
            operationId = "flush",
            summary = "Read-your-writes barrier",
            description =
                    "200 once every event published to the topics before the call has been applied"
                        + " to MySQL; 504 with the number still pending when the timeout passes.")
    @ApiResponse(
            responseCode = "200",
            description = "Everything published before the call is in MySQL",
            content =
                    @Content(
                            mediaType = "application/json",
                            schema = @Schema(implementation = FlushResponse.class)))
    @ApiResponse(
            responseCode = "504",
            description =
                    "The timeout passed first: problem details with pending (events not yet"
                            + " applied) and waited_ms",
            content =
                    @Content(
                            mediaType = ApiDocumentationAutoConfiguration.PROBLEM_JSON,
                            schema = @Schema(ref = "#/components/schemas/FlushTimeout")))
    @ApiResponse(
            responseCode = "503",
            description = "Kafka cannot be reached to read the topics' end offsets",
            headers =
                    @Header(
                            name = "Retry-After",
                            ref = ApiDocumentationAutoConfiguration.RETRY_AFTER),
            content =
                    @Content(
                            mediaType = ApiDocumentationAutoConfiguration.PROBLEM_JSON,
                            schema = @Schema(ref = ApiDocumentationAutoConfiguration.PROBLEM)))
    @PostMapping("/api/v1/translation/flush")
    ResponseEntity<?> flush(@Valid @RequestBody(required = false) FlushRequest request) {
        Duration timeout = timeout(request);
        FlushBarrier.Result result = barrier.await(timeout);
        if (result.complete()) {
            return ResponseEntity.ok(new FlushResponse("flushed", result.waitedMs()));
        }
        ProblemDetail problem =
                ProblemDetail.forStatusAndDetail(
                        HttpStatus.GATEWAY_TIMEOUT,
                        result.pending()
                                + " events were not yet applied after "
                                + result.waitedMs()
                                + " ms.");
        problem.setTitle("Flush timed out");
        problem.setProperty("pending", result.pending());
        problem.setProperty("waited_ms", result.waitedMs());
        return ResponseEntity.status(HttpStatus.GATEWAY_TIMEOUT).body(problem);
    }

    private Duration timeout(FlushRequest request) {
        if (request == null || request.timeoutMs() == null) {
            return properties.flushDefaultTimeout();
        }
        Duration asked = Duration.ofMillis(request.timeoutMs());
        return asked.compareTo(properties.flushMaxTimeout()) > 0
                ? properties.flushMaxTimeout()
                : asked;
    }
}
