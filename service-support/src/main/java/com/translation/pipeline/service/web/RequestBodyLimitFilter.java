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
import java.util.Locale;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
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
 *
 * <p>And it bounds the threads that bodies hold. Reading a body blocks its thread while the bytes
 * are not there yet; at most {@code max-body-read-waits} threads wait so at once, and a read that
 * would make one more fails with {@link RequestBodyWaitsExhaustedException} (503, Retry-After),
 * which frees its thread at once. A read of bytes that have arrived never waits, so ordinary
 * requests, whose bodies come with their headers, are not held back. A body that arrives slower
 * than {@code min-body-rate} once {@code body-rate-grace} has passed fails with {@link
 * RequestBodyTooSlowException} (408). A client sending bodies a byte a second on hundreds of
 * connections so holds at most {@code max-body-read-waits} threads, each for a few seconds, and
 * {@code /health}, reads and ordinary writes keep their threads.
 *
 * <p>Form bodies ({@code application/x-www-form-urlencoded}, {@code multipart/*}) are refused with
 * 415 before anything reads them. No endpoint takes one, and the container would read one itself,
 * past every bound above, the first time anyone asks for a request parameter ({@link
 * KnownParameters} asks for every API request): up to 2 MB at whatever pace the client sends it,
 * and then its fields would count as query parameters.
 */
class RequestBodyLimitFilter extends OncePerRequestFilter {

    private final long maxBytes;
    private final Semaphore budget;
    private final int budgetBytes;
    private final Duration wait;
    private final Semaphore waits;
    private final long minBytesPerSecond;
    private final long graceNanos;

    RequestBodyLimitFilter(WebLimitsProperties limits) {
        this.maxBytes = limits.maxBodySize().toBytes();
        this.budgetBytes = (int) Math.min(Integer.MAX_VALUE, limits.maxBodiesInFlight().toBytes());
        this.budget = new Semaphore(budgetBytes, true);
        this.wait = limits.bodyBudgetWait();
        this.waits = new Semaphore(limits.maxBodyReadWaits());
        this.minBytesPerSecond = limits.minBodyRate().toBytes();
        this.graceNanos = limits.bodyRateGrace().toNanos();
    }

    @Override
    protected void doFilterInternal(
            HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        long declared = request.getContentLengthLong();
        int reserved = reservation(request, declared);
        if (reserved > 0 && isForm(request.getContentType())) {
            response.setHeader(HttpHeaders.ACCEPT, MediaType.APPLICATION_JSON_VALUE);
            ProblemResponses.write(
                    request,
                    response,
                    HttpServletResponse.SC_UNSUPPORTED_MEDIA_TYPE,
                    "Unsupported Media Type",
                    "Content-Type '"
                            + request.getContentType()
                            + "' is not read by this service; send the body as "
                            + MediaType.APPLICATION_JSON_VALUE
                            + ".");
            return;
        }
        if (declared > maxBytes) {
            ProblemResponses.write(
                    request,
                    response,
                    HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE,
                    "Request body too large",
                    "The request body must be at most " + maxBytes + " bytes.");
            return;
        }
        if (reserved > 0 && !acquire(reserved)) {
            response.setHeader(
                    HttpHeaders.RETRY_AFTER, Long.toString(Math.max(1, wait.toSeconds())));
            ProblemResponses.write(
                    request,
                    response,
                    HttpServletResponse.SC_SERVICE_UNAVAILABLE,
                    "Too many request bodies in flight",
                    "The service is handling as many request bodies as its memory allows; send"
                            + " this one again after Retry-After.");
            return;
        }
        try {
            chain.doFilter(new LimitedRequest(request, this), response);
        } finally {
            if (reserved > 0) {
                budget.release(reserved);
            }
        }
    }

    /**
     * Whether {@code contentType} is one the servlet container parses as form parameters by itself.
     * Its type is compared without parameters and case, as the container compares it.
     */
    static boolean isForm(String contentType) {
        if (contentType == null) {
            return false;
        }
        int parameters = contentType.indexOf(';');
        String type =
                (parameters < 0 ? contentType : contentType.substring(0, parameters))
                        .trim()
                        .toLowerCase(Locale.ROOT);
        return type.equals(MediaType.APPLICATION_FORM_URLENCODED_VALUE)
                || type.startsWith("multipart/");
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
        private final RequestBodyLimitFilter limits;
        private ServletInputStream stream;

        LimitedRequest(HttpServletRequest request, RequestBodyLimitFilter limits) {
            super(request);
            this.limits = limits;
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            if (stream == null) {
                stream = new LimitedInputStream(super.getInputStream(), limits);
            }
            return stream;
        }
    }

    private static final class LimitedInputStream extends ServletInputStream {
        private final ServletInputStream in;
        private final RequestBodyLimitFilter limits;
        private final long started = System.nanoTime();
        private long read;

        LimitedInputStream(ServletInputStream in, RequestBodyLimitFilter limits) {
            this.in = in;
            this.limits = limits;
        }

        @Override
        public int read() throws IOException {
            boolean waits = startRead();
            try {
                int b = in.read();
                count(b >= 0 ? 1 : 0, waits);
                return b;
            } finally {
                if (waits) {
                    limits.waits.release();
                }
            }
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            boolean waits = startRead();
            try {
                int n = in.read(buffer, offset, length);
                count(Math.max(0, n), waits);
                return n;
            } finally {
                if (waits) {
                    limits.waits.release();
                }
            }
        }

        /**
         * Whether this read will wait for bytes that have not arrived, holding one of the waits.
         *
         * @throws RequestBodyWaitsExhaustedException when it would wait and none is left
         */
        private boolean startRead() throws IOException {
            if (in.isFinished() || in.available() > 0) {
                return false;
            }
            if (!limits.waits.tryAcquire()) {
                throw new RequestBodyWaitsExhaustedException();
            }
            return true;
        }

        /**
         * Counts {@code n} bytes read and checks the limits. The rate is checked only after a read
         * that waited for bytes: when they were there, the client is not slow, whatever the time
         * the request spent elsewhere (waiting for room in a budget, say).
         */
        private void count(int n, boolean waited) throws RequestBodyException {
            read += n;
            if (read > limits.maxBytes) {
                throw new RequestBodyTooLargeException(limits.maxBytes);
            }
            long elapsed = System.nanoTime() - started;
            if (waited
                    && elapsed > limits.graceNanos
                    && !in.isFinished()
                    && read < limits.minBytesPerSecond * (elapsed / 1e9)) {
                throw new RequestBodyTooSlowException(
                        read, elapsed / 1e9, limits.minBytesPerSecond);
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
