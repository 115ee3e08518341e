package com.translation.pipeline.service.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import java.util.Set;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.servlet.HandlerExecutionChain;
import org.springframework.web.servlet.HandlerMapping;
import org.springframework.web.servlet.resource.ResourceHttpRequestHandler;
import org.springframework.web.util.ServletRequestPathUtils;

/**
 * Whether an endpoint serves a request, asked of the application's handler mappings in the order
 * the {@code DispatcherServlet} asks them, before the request reaches it.
 *
 * <p>{@link ApiKeyFilter} asks when a valid key lacks the scope a path needs: a path that nothing
 * serves answers 404, and a method the path does not take 405, as they would for an admin key,
 * instead of a 403 that reads as a permission problem (a trailing slash, {@code GET} on a batch
 * endpoint).
 */
final class EndpointLookup {

    /**
     * What serves a request.
     *
     * @param found whether some endpoint takes the request's path and method
     * @param allowed when the path is served for other methods only, those methods; else empty
     */
    record Answer(boolean found, Set<String> allowed) {
        static final Answer FOUND = new Answer(true, Set.of());
        static final Answer NOT_FOUND = new Answer(false, Set.of());
    }

    private final ObjectProvider<HandlerMapping> mappings;

    /**
     * @param mappings the application's handler mappings, read at each lookup: they do not exist
     *     yet when filters are made
     */
    EndpointLookup(ObjectProvider<HandlerMapping> mappings) {
        this.mappings = mappings;
    }

    /**
     * Looks the request's method and path up; a static-resource handler, which takes every path,
     * counts as no endpoint.
     *
     * @param request the request as it arrived
     * @return whether it is served, and when only for other methods, which
     */
    Answer lookup(HttpServletRequest request) {
        boolean parsed = ServletRequestPathUtils.hasParsedRequestPath(request);
        if (!parsed) {
            ServletRequestPathUtils.parseAndCache(request);
        }
        try {
            for (HandlerMapping mapping :
                    (Iterable<HandlerMapping>) mappings.orderedStream()::iterator) {
                HandlerExecutionChain chain;
                try {
                    chain = mapping.getHandler(request);
                } catch (HttpRequestMethodNotSupportedException e) {
                    Set<String> allowed =
                            e.getSupportedMethods() == null
                                    ? Set.of()
                                    : Set.of(e.getSupportedMethods());
                    return new Answer(false, allowed);
                } catch (Exception e) {
                    // The path and method match, but not a header or a parameter: served.
                    return Answer.FOUND;
                }
                if (chain != null) {
                    return chain.getHandler() instanceof ResourceHttpRequestHandler
                            ? Answer.NOT_FOUND
                            : Answer.FOUND;
                }
            }
            return Answer.NOT_FOUND;
        } finally {
            if (!parsed) {
                ServletRequestPathUtils.clearParsedRequestPath(request);
            }
        }
    }

    /**
     * The same request at another path of the same service, for asking whether that one is served.
     *
     * @param request the request as it arrived
     * @param path the other path, without the context path
     */
    static HttpServletRequest at(HttpServletRequest request, String path) {
        String uri = request.getContextPath() + path;
        return new HttpServletRequestWrapper(request) {
            @Override
            public String getRequestURI() {
                return uri;
            }

            @Override
            public String getServletPath() {
                return path;
            }
        };
    }
}
