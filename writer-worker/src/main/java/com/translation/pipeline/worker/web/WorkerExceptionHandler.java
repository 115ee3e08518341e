package com.translation.pipeline.worker.web;

import com.translation.pipeline.service.web.EndpointLookup;
import com.translation.pipeline.service.web.PipelineExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** writer-worker's errors as problem+json: the ones every service shares. */
@RestControllerAdvice
class WorkerExceptionHandler extends PipelineExceptionHandler {

    WorkerExceptionHandler(EndpointLookup endpoints) {
        super(endpoints);
    }
}
