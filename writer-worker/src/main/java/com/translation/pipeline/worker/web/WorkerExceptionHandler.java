package com.translation.pipeline.worker.web;

import com.translation.pipeline.service.web.PipelineExceptionHandler;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.servlet.HandlerMapping;

/** writer-worker's errors as problem+json: the ones every service shares. */
@RestControllerAdvice
class WorkerExceptionHandler extends PipelineExceptionHandler {

    WorkerExceptionHandler(ObjectProvider<HandlerMapping> handlerMappings) {
        super(handlerMappings);
    }
}
