package com.translation.pipeline.query.replica;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.springframework.dao.DataAccessException;
import org.springframework.web.servlet.HandlerExceptionResolver;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.util.UrlPathHelper;

/**
 * A read that failed on the replica is served again by the primary: when a statement on the replica
 * fails (the replica died or was cut off with the statement in flight, which the connection check
 * of {@link ReadRoutingDataSource} cannot see coming), the request is dispatched once more, whole,
 * with its reads pinned to the primary, before anything of its answer was sent. The consistency
 * check runs again there too. A failure on the primary, or one after the answer has begun to be
 * written (a page streamed in part), is left to the usual error handling.
 *
 * <p>The first of the exception resolvers ({@link ReplicaConfiguration}); it passes on (null)
 * whatever it does not retry.
 */
class ReplicaFailover implements HandlerExceptionResolver {

    private static final UrlPathHelper PATHS = new UrlPathHelper();

    private final ReadRoute route;

    ReplicaFailover(ReadRoute route) {
        this.route = route;
    }

    @Override
    public ModelAndView resolveException(
            HttpServletRequest request,
            HttpServletResponse response,
            Object handler,
            Exception failure) {
        if (!(failure instanceof DataAccessException)
                || !route.onReplica()
                || response.isCommitted()
                || request.getDispatcherType() != DispatcherType.REQUEST) {
            return null;
        }
        route.fallBack(ReadRoute.Reason.UNAVAILABLE);
        ReplicaReads.pinToPrimary(request);
        response.reset();
        try {
            request.getRequestDispatcher(PATHS.getPathWithinApplication(request))
                    .forward(request, response);
        } catch (ServletException e) {
            throw new IllegalStateException("the retry on the primary failed", e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new ModelAndView();
    }
}
