package com.translation.pipeline.service.security;

import java.util.ArrayList;
import java.util.List;
import org.springframework.http.HttpMethod;
import org.springframework.http.server.PathContainer;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * Which scope each request needs. Each service adds its own rules; paths that no rule names need
 * {@link Scope#ADMIN}, so a new endpoint is closed until someone opens it. The health check,
 * Prometheus and the API documentation need no key.
 */
public final class AccessRules {

    /** The request header that carries the API key. */
    public static final String KEY_HEADER = "X-API-Key";

    private record Rule(HttpMethod method, PathPattern pattern, Scope scope) {}

    private static final List<PathPattern> OPEN =
            List.of(
                    parse("/health"),
                    parse("/health/**"),
                    parse("/actuator/prometheus"),
                    parse("/v3/api-docs"),
                    parse("/v3/api-docs/**"),
                    parse("/docs"),
                    parse("/swagger-ui/**"),
                    parse("/error"));

    private final List<Rule> rules = new ArrayList<>();

    public AccessRules() {
        require(HttpMethod.GET, "/api/v1/system/metrics", Scope.READ);
        require(HttpMethod.GET, "/api/v1/system/config", Scope.ADMIN);
    }

    /** Requests with this method whose path matches the pattern need the scope. */
    public AccessRules require(HttpMethod method, String pattern, Scope scope) {
        rules.add(new Rule(method, parse(pattern), scope));
        return this;
    }

    /** Whether {@code path} needs no key (health, Prometheus, the API documentation). */
    public boolean isOpen(String path) {
        PathContainer container = PathContainer.parsePath(path);
        return OPEN.stream().anyMatch(pattern -> pattern.matches(container));
    }

    /**
     * The scope a request needs: that of the first rule naming its method and path, or {@link
     * Scope#ADMIN} when none does. A path template ({@code /sessions/{id}}) matches as a request
     * path would. {@code HEAD} needs what {@code GET} needs: it is a GET whose answer has no body
     * (RFC 9110, 9.3.2), and Spring serves it from the GET endpoint.
     */
    public Scope required(String method, String path) {
        String asked = HttpMethod.HEAD.matches(method) ? HttpMethod.GET.name() : method;
        PathContainer container = PathContainer.parsePath(path);
        for (Rule rule : rules) {
            if (rule.method().matches(asked) && rule.pattern().matches(container)) {
                return rule.scope();
            }
        }
        return Scope.ADMIN;
    }

    private static PathPattern parse(String pattern) {
        return PathPatternParser.defaultInstance.parse(pattern);
    }
}
