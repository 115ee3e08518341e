package com.translation.pipeline.service.security;

import com.translation.pipeline.service.web.EndpointLookup;
import com.translation.pipeline.service.web.ProblemResponses;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Authenticates every request by its {@code X-API-Key} before any other work: 401 without a valid
 * key, 403 with a key that lacks the scope, 429 with Retry-After past the key's rate. The key
 * itself is never logged or echoed.
 *
 * <p>A valid key that lacks the scope gets 404 on a path that no endpoint serves, and 405 with
 * {@code Allow} on a method its path does not take ({@link EndpointLookup}, asked only then): paths
 * no rule names need the admin scope, so that a new endpoint is closed until a rule opens it, and a
 * 403 on a mistyped path sent callers looking for a permission problem. Keys with the scope get the
 * same answers from the dispatcher. {@code OPTIONS}, which only lists a path's methods, takes any
 * valid key.
 */
class ApiKeyFilter extends OncePerRequestFilter {

    static final String HEADER = AccessRules.KEY_HEADER;

    private final ApiKeys keys;
    private final AccessRules rules;
    private final EndpointLookup endpoints;
    private final SecurityProperties.RateLimit rateLimit;
    private final Map<String, TokenBucket> buckets = new ConcurrentHashMap<>();

    ApiKeyFilter(
            ApiKeys keys,
            AccessRules rules,
            EndpointLookup endpoints,
            SecurityProperties.RateLimit rateLimit) {
        this.keys = keys;
        this.rules = rules;
        this.endpoints = endpoints;
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
                    request,
                    response,
                    401,
                    "Unauthorized",
                    "A valid " + HEADER + " header is required.");
            return;
        }
        Scope required = rules.required(request.getMethod(), path);
        // OPTIONS only answers which methods a path takes: any valid key may ask.
        boolean options = HttpMethod.OPTIONS.matches(request.getMethod());
        if (!options && !required.grantedBy(caller.get().scopes())) {
            if (refusedAsUnserved(request, response)) {
                return;
            }
            ProblemResponses.write(
                    request,
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
                        request,
                        response,
                        429,
                        "Too many requests",
                        "This key's rate limit is exhausted.");
                return;
            }
        }
        chain.doFilter(request, response);
    }

    /**
     * Answers 404 or 405 when no endpoint serves the request as sent.
     *
     * @return whether it answered
     */
    private boolean refusedAsUnserved(HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        EndpointLookup.Answer answer = endpoints.lookup(request);
        if (answer.found()) {
            return false;
        }
        if (!answer.allowed().isEmpty()) {
            response.setHeader(HttpHeaders.ALLOW, EndpointLookup.allowHeader(answer.allowed()));
            ProblemResponses.write(
                    request,
                    response,
                    HttpServletResponse.SC_METHOD_NOT_ALLOWED,
                    "Method Not Allowed",
                    EndpointLookup.methodNotAllowedDetail(request, answer.allowed()));
            return true;
        }
        ProblemResponses.write(
                request,
                response,
                HttpServletResponse.SC_NOT_FOUND,
                "Not Found",
                endpoints.notFoundDetail(request));
        return true;
    }
}
