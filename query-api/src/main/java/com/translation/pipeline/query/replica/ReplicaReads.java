package com.translation.pipeline.query.replica;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.web.servlet.HandlerInterceptor;

/**
 * Chooses the database of each request it sees: a GET (RFC 9110's safe method: it reads only) goes
 * to the replica while that is usable, everything else to the primary. Registered first, so that
 * the consistency check that follows it runs on the server the read will use.
 */
class ReplicaReads implements HandlerInterceptor {

    /** Set on a request whose reads must go to the primary ({@link ReplicaFailover}'s retry). */
    private static final String PRIMARY_ONLY = ReplicaReads.class.getName() + ".PRIMARY_ONLY";

    private final ReadRoute route;

    ReplicaReads(ReadRoute route) {
        this.route = route;
    }

    @Override
    public boolean preHandle(
            HttpServletRequest request, HttpServletResponse response, Object handler) {
        if ("GET".equals(request.getMethod()) && request.getAttribute(PRIMARY_ONLY) == null) {
            route.beginRead();
        }
        return true;
    }

    /** Keeps every later dispatch of {@code request} on the primary. */
    static void pinToPrimary(HttpServletRequest request) {
        request.setAttribute(PRIMARY_ONLY, Boolean.TRUE);
    }

    @Override
    public void afterCompletion(
            HttpServletRequest request,
            HttpServletResponse response,
            Object handler,
            Exception failure) {
        route.end();
    }
}
