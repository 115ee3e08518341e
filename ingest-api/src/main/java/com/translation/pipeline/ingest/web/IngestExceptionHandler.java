package com.translation.pipeline.ingest.web;

import com.translation.pipeline.ingest.IngestProperties;
import com.translation.pipeline.ingest.batch.BatchProblems;
import com.translation.pipeline.ingest.batch.BatchTooLargeException;
import com.translation.pipeline.ingest.batch.EventsNotAcknowledgedException;
import com.translation.pipeline.ingest.batch.MalformedBatchException;
import com.translation.pipeline.service.kafka.KafkaUnavailableException;
import com.translation.pipeline.service.web.PipelineExceptionHandler;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.servlet.HandlerMapping;

/** ingest-api's errors as problem+json, on top of the ones every service shares. */
@RestControllerAdvice
class IngestExceptionHandler extends PipelineExceptionHandler {

    private final String retryAfterSeconds;

    IngestExceptionHandler(
            IngestProperties properties, ObjectProvider<HandlerMapping> handlerMappings) {
        super(handlerMappings);
        this.retryAfterSeconds = Long.toString(Math.max(1, properties.retryAfter().toSeconds()));
    }

    @ExceptionHandler(BatchTooLargeException.class)
    ResponseEntity<Object> batchTooLarge(BatchTooLargeException ex) {
        return fieldProblem(
                HttpStatus.CONTENT_TOO_LARGE, "Too many items", ex.field(), ex.getMessage());
    }

    @ExceptionHandler(MalformedBatchException.class)
    ResponseEntity<Object> malformed(MalformedBatchException ex) {
        return fieldProblem(HttpStatus.BAD_REQUEST, "Malformed batch", ex.field(), ex.getMessage());
    }

    @ExceptionHandler(EventsNotAcknowledgedException.class)
    ResponseEntity<ProblemDetail> notAcknowledged(EventsNotAcknowledgedException ex) {
        ProblemDetail problem =
                ProblemDetail.forStatusAndDetail(
                        HttpStatus.SERVICE_UNAVAILABLE,
                        "Kafka did not acknowledge every event in time. An item marked failed may"
                                + " or may not have been stored: send it again after Retry-After"
                                + " (a resend is harmless, the newest updated_at wins).");
        problem.setTitle("Kafka unavailable");
        BatchProblems.addBatch(problem, ex.response());
        return unavailable(problem);
    }

    @ExceptionHandler(KafkaUnavailableException.class)
    ResponseEntity<ProblemDetail> kafkaUnavailable(KafkaUnavailableException ex) {
        ProblemDetail problem =
                ProblemDetail.forStatusAndDetail(
                        HttpStatus.SERVICE_UNAVAILABLE,
                        "Kafka did not answer in time; try again later.");
        problem.setTitle("Kafka unavailable");
        return unavailable(problem);
    }

    private ResponseEntity<ProblemDetail> unavailable(ProblemDetail problem) {
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                .header(HttpHeaders.RETRY_AFTER, retryAfterSeconds)
                .body(problem);
    }
}
