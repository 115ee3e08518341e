package com.translation.pipeline.service.security;

import com.translation.pipeline.service.web.ProblemResponses;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Authenticates every request by its {@code X-API-Key} before any other work: 401 without a valid
 * key, 403 with a key that lacks the scope, 429 with Retry-After past the key's rate. The key
 * itself is never logged or echoed.
 */
class ApiKeyFilter extends OncePerRequestFilter {

    static final String HEADER = "X-API-Key";

    private final ApiKeys keys;
    private final AccessRules rules;
    private final SecurityProperties.RateLimit rateLimit;
    private final Map<String, TokenBucket> buckets = new ConcurrentHashMap<>();

    ApiKeyFilter(ApiKeys keys, AccessRules rules, SecurityProperties.RateLimit rateLimit) {
        this.keys = keys;
        this.rules = rules;
        this.rateLimit = rateLimit;
    }

    @Override
    protected void doFilterInternal(
            HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        if (rules.isOpen(path)) {
            chain.doFilter(request, response);
            return;
        }
        Optional<ApiKeys.Caller> caller = keys.identify(request.getHeader(HEADER));
        if (caller.isEmpty()) {
            response.setHeader("WWW-Authenticate", "ApiKey header=\"" + HEADER + "\"");
            ProblemResponses.write(
                    response, 401, "Unauthorized", "A valid " + HEADER + " header is required.");
            return;
        }
        Scope required = rules.required(request.getMethod(), path);
        if (!required.grantedBy(caller.get().scopes())) {
            ProblemResponses.write(
                    response,
                    403,
                    "Forbidden",
                    "This key lacks the '" + required.name().toLowerCase() + "' scope.");
            return;
        }
        if (rateLimit.enabled()) {
            long waitSeconds =
                    buckets.computeIfAbsent(
                                    caller.get().name(),
                                    name ->
                                            new TokenBucket(
                                                    rateLimit.requestsPerSecond(),
                                                    rateLimit.burst(),
                                                    System::nanoTime))
                            .tryTake();
            if (waitSeconds > 0) {
                response.setHeader("Retry-After", Long.toString(waitSeconds));
                ProblemResponses.write(
                        response, 429, "Too many requests", "This key's rate limit is exhausted.");
                return;
            }
        }
        chain.doFilter(request, response);
    }
}
