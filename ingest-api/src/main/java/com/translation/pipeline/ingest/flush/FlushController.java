package com.translation.pipeline.ingest.flush;

import com.translation.pipeline.ingest.IngestProperties;
import io.swagger.v3.oas.annotations.Operation;
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
    record FlushRequest(@PositiveOrZero Long timeoutMs) {}

    record FlushResponse(String status, long waitedMs) {}

    @Operation(
            summary = "Read-your-writes barrier",
            description =
                    "200 once every event published to the topics before the call has been applied"
                        + " to MySQL; 504 with the number still pending when the timeout passes.")
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
