package com.translation.pipeline.service.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.springframework.http.HttpHeaders;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Limits request bodies while they are read, not after buffering them: a declared Content-Length
 * over the limit is refused at once, and a chunked body fails as soon as it passes the limit.
 * Either way the caller gets 413 problem+json (see {@link PipelineExceptionHandler}).
 *
 * <p>It also bounds the bodies of all requests in flight together: before it is read, a request
 * with a body reserves its declared length (the size limit when it declares none) from a budget
 * shared by the whole service, and gives it back when it is answered. A request that finds no room
 * within the wait gets 503 with Retry-After, so a burst of large requests cannot take more memory
 * than the budget allows; requests without a body (reads, health) never wait.
 */
class RequestBodyLimitFilter extends OncePerRequestFilter {

    private final long maxBytes;
    private final Semaphore budget;
    private final int budgetBytes;
    private final Duration wait;

    /**
     * @param maxBytes the largest body, in bytes
     * @param inFlightBytes the budget of all bodies in flight, in bytes (at most 2 GiB)
     * @param wait the longest a request waits for room in the budget
     */
    RequestBodyLimitFilter(long maxBytes, long inFlightBytes, Duration wait) {
        this.maxBytes = maxBytes;
        this.budgetBytes = (int) Math.min(Integer.MAX_VALUE, inFlightBytes);
        this.budget = new Semaphore(budgetBytes, true);
        this.wait = wait;
    }

    @Override
    protected void doFilterInternal(
            HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        long declared = request.getContentLengthLong();
        if (declared > maxBytes) {
            ProblemResponses.write(
                    response,
                    HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE,
                    "Request body too large",
                    "The request body must be at most " + maxBytes + " bytes.");
            return;
        }
        int reserved = reservation(request, declared);
        if (reserved > 0 && !acquire(reserved)) {
            response.setHeader(
                    HttpHeaders.RETRY_AFTER, Long.toString(Math.max(1, wait.toSeconds())));
            ProblemResponses.write(
                    response,
                    HttpServletResponse.SC_SERVICE_UNAVAILABLE,
                    "Too many request bodies in flight",
                    "The service is handling as many request bodies as its memory allows; send"
                            + " this one again after Retry-After.");
            return;
        }
        try {
            chain.doFilter(new LimitedRequest(request, maxBytes), response);
        } finally {
            if (reserved > 0) {
                budget.release(reserved);
            }
        }
    }

    /** The declared length, or the limit for a body of unknown length; 0 without a body. */
    private int reservation(HttpServletRequest request, long declared) {
        boolean chunked = request.getHeader(HttpHeaders.TRANSFER_ENCODING) != null;
        long bytes = declared > 0 ? declared : chunked ? maxBytes : 0;
        return (int) Math.min(bytes, budgetBytes);
    }

    private boolean acquire(int bytes) {
        try {
            return budget.tryAcquire(bytes, wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static final class LimitedRequest extends HttpServletRequestWrapper {
        private final long maxBytes;
        private ServletInputStream stream;

        LimitedRequest(HttpServletRequest request, long maxBytes) {
            super(request);
            this.maxBytes = maxBytes;
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            if (stream == null) {
                stream = new LimitedInputStream(super.getInputStream(), maxBytes);
            }
            return stream;
        }
    }

    private static final class LimitedInputStream extends ServletInputStream {
        private final ServletInputStream in;
        private final long maxBytes;
        private long read;

        LimitedInputStream(ServletInputStream in, long maxBytes) {
            this.in = in;
            this.maxBytes = maxBytes;
        }

        @Override
        public int read() throws IOException {
            int b = in.read();
            if (b >= 0) {
                count(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = in.read(buffer, offset, length);
            if (n > 0) {
                count(n);
            }
            return n;
        }

        private void count(int n) throws RequestBodyTooLargeException {
            read += n;
            if (read > maxBytes) {
                throw new RequestBodyTooLargeException(maxBytes);
            }
        }

        @Override
        public boolean isFinished() {
            return in.isFinished();
        }

        @Override
        public boolean isReady() {
            return in.isReady();
        }

        @Override
        public void setReadListener(ReadListener listener) {
            in.setReadListener(listener);
        }
    }
}
