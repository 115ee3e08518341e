package com.translation.pipeline.service.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.servlet.HandlerExecutionChain;
import org.springframework.web.servlet.HandlerMapping;
import org.springframework.web.servlet.resource.ResourceHttpRequestHandler;
import org.springframework.web.util.ServletRequestPathUtils;
import org.springframework.web.util.UrlPathHelper;

/**
 * Whether an endpoint serves a request, asked of the application's handler mappings in the order
 * the {@code DispatcherServlet} asks them, and the one wording of the 404 and 405 answers.
 *
 * <p>The API key filter asks when a valid key lacks the scope a path needs: a path that nothing
 * serves answers 404, and a method the path does not take 405, instead of a 403 that reads as a
 * permission problem (a trailing slash, {@code GET} on a batch endpoint). {@link
 * PipelineExceptionHandler} words the same answers the same way for keys that pass, so the answer
 * does not depend on the key.
 */
public final class EndpointLookup {

    /**
     * What serves a request.
     *
     * @param found whether some endpoint takes the request's path and method
     * @param allowed when the path is served for other methods only, those methods; else empty
     */
    public record Answer(boolean found, Set<String> allowed) {
        static final Answer FOUND = new Answer(true, Set.of());
        static final Answer NOT_FOUND = new Answer(false, Set.of());
    }

    private final ObjectProvider<HandlerMapping> mappings;

    /**
     * @param mappings the application's handler mappings, read at each lookup: they do not exist
     *     yet when filters are made
     */
    public EndpointLookup(ObjectProvider<HandlerMapping> mappings) {
        this.mappings = mappings;
    }

    /**
     * Looks the request's method and path up; a static-resource handler, which takes every path,
     * counts as no endpoint.
     *
     * @param request the request as it arrived
     * @return whether it is served, and when only for other methods, which
     */
    public Answer lookup(HttpServletRequest request) {
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
     * The detail of a 404: the method and path nothing serves, and the path without its trailing
     * slash when that one is served (FastAPI redirected those; callers moving over send them).
     *
     * @param request the request as it arrived
     */
    public String notFoundDetail(HttpServletRequest request) {
        String path = pathOf(request);
        String detail = notServedDetail(request);
        String trimmed = path.replaceAll("/+$", "");
        if (!trimmed.isEmpty() && !trimmed.equals(path) && lookup(at(request, trimmed)).found()) {
            detail += " Without the trailing slash, " + trimmed + " is one.";
        }
        return detail;
    }

    /** The first sentence of every 404's detail: the method and path that nothing serves. */
    public static String notServedDetail(HttpServletRequest request) {
        return "No endpoint serves " + request.getMethod() + " " + pathOf(request) + ".";
    }

    /** The {@code Allow} header of a 405: the methods, sorted, comma-separated. */
    public static String allowHeader(Collection<String> allowed) {
        return String.join(",", new TreeSet<>(allowed));
    }

    /**
     * The detail of a 405.
     *
     * @param request the request as it arrived
     * @param allowed the methods its path takes
     */
    public static String methodNotAllowedDetail(
            HttpServletRequest request, Collection<String> allowed) {
        return "Method '"
                + request.getMethod()
                + "' is not supported by "
                + pathOf(request)
                + "; it takes "
                + String.join(", ", new TreeSet<>(allowed))
                + ".";
    }

    /** The request's path within the application, as sent (not decoded). */
    public static String pathOf(HttpServletRequest request) {
        return request.getRequestURI().substring(request.getContextPath().length());
    }

    /**
     * The same request at another path of the same service, for asking whether that one is served;
     * the path the dispatcher parsed for the original request is hidden from it.
     */
    private static HttpServletRequest at(HttpServletRequest request, String path) {
        String uri = request.getContextPath() + path;
        return new HttpServletRequestWrapper(request) {
            private final Map<String, Object> own = new HashMap<>();

            @Override
            public String getRequestURI() {
                return uri;
            }

            @Override
            public String getServletPath() {
                return path;
            }

            @Override
            public Object getAttribute(String name) {
                if (own.containsKey(name)) {
                    return own.get(name);
                }
                return PARSED_PATHS.contains(name) ? null : super.getAttribute(name);
            }

            @Override
            public void setAttribute(String name, Object value) {
                own.put(name, value);
            }

            @Override
            public void removeAttribute(String name) {
                own.put(name, null);
            }
        };
    }

    private static final Set<String> PARSED_PATHS =
            Set.of(ServletRequestPathUtils.PATH_ATTRIBUTE, UrlPathHelper.PATH_ATTRIBUTE);
}
