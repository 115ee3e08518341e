package com.translation.pipeline.query.web;

import com.translation.pipeline.service.web.PipelineExceptionHandler;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.servlet.HandlerMapping;

/**
 * query-api's errors as problem+json, on top of the ones every service shares (which answer its
 * {@link InvalidParameterException}s).
 */
@RestControllerAdvice
class QueryExceptionHandler extends PipelineExceptionHandler {

    QueryExceptionHandler(ObjectProvider<HandlerMapping> handlerMappings) {
        super(handlerMappings);
    }

    @ExceptionHandler(NotFoundException.class)
    ResponseEntity<ProblemDetail> notFound(NotFoundException ex) {
        ProblemDetail problem =
                ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, ex.getMessage());
        problem.setTitle("Not found");
        return ResponseEntity.status(HttpStatus.NOT_FOUND).body(problem);
    }

    /**
     * Nothing of the answer was sent; the client asks again later: the spool is full ({@link
     * ResponseSpool}) or every turn to read a list is taken ({@code ListReads}).
     */
    @ExceptionHandler(BusyException.class)
    ResponseEntity<ProblemDetail> busy(BusyException ex) {
        ProblemDetail problem =
                ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE, ex.getMessage());
        problem.setTitle("Service busy");
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                .header(HttpHeaders.RETRY_AFTER, "1")
                .body(problem);
    }
}
