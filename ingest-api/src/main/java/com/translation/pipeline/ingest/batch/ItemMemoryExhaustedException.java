package com.translation.pipeline.ingest.batch;

import com.translation.pipeline.service.web.RequestBodyException;
import org.springframework.http.HttpStatus;

/**
 * Thrown while an item is parsed when the items being parsed, all requests together, already take
 * the memory {@link ItemMemoryBudget} sets aside for them: the request is answered 503 with
 * Retry-After and nothing of it is published.
 */
public class ItemMemoryExhaustedException extends RequestBodyException {

    ItemMemoryExhaustedException() {
        super(
                "The items being read take all the memory set aside for them"
                    + " (ingest.max-item-memory-in-flight); nothing of this batch was published,"
                    + " send it again after Retry-After.");
    }

    @Override
    public HttpStatus status() {
        return HttpStatus.SERVICE_UNAVAILABLE;
    }

    @Override
    public String title() {
        return "Too many large items in flight";
    }
}
