package com.translation.pipeline.query.consistency;

import com.translation.pipeline.query.web.InvalidParameterException;
import com.translation.pipeline.schema.consistency.ConsistencyToken;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.HandlerInterceptor;

/**
 * A read carrying {@code X-Consistency-Token} (from an ingest answer) first waits until the events
 * behind it are applied, then answers with {@code X-Consistency: consistent}; when the wait times
 * out it answers anyway, with the data it has and {@code X-Consistency: stale}.
 */
@Component
class ConsistencyInterceptor implements HandlerInterceptor {

    static final String TOKEN_HEADER = "X-Consistency-Token";
    static final String RESULT_HEADER = "X-Consistency";

    private final ConsistencyWait wait;

    ConsistencyInterceptor(ConsistencyWait wait) {
        this.wait = wait;
    }

    @Override
    public boolean preHandle(
            HttpServletRequest request, HttpServletResponse response, Object handler) {
        String header = request.getHeader(TOKEN_HEADER);
        if (header == null) {
            return true;
        }
        ConsistencyToken token;
        try {
            token = ConsistencyToken.decode(header);
        } catch (IllegalArgumentException e) {
            throw new InvalidParameterException(
                    TOKEN_HEADER, "not a consistency token from ingest-api");
        }
        response.setHeader(RESULT_HEADER, wait.await(token) ? "consistent" : "stale");
        return true;
    }
}
