package com.translation.pipeline.query.web;

import com.translation.pipeline.query.QueryProperties;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;
import org.springframework.util.FastByteArrayOutputStream;

/**
 * Where a list page or a restore is written while it is read from the database, before any of it
 * goes to the client: the statement's connection goes back to the pool as soon as the database has
 * given every row, however slowly the client then reads the answer. Streamed straight to the
 * client, ten clients reading a 50 MB page at 2 Mbit/s held every connection of the pool for
 * minutes, and every other read and {@code /health} waited (the read API stalled; {@code
 * QuerySlowReadersIT}).
 *
 * <p>An answer is kept in memory up to {@code query.spool-memory-threshold} (128 KB: pages of
 * sessions and ordinary task pages), beyond that in a temporary file of {@code java.io.tmpdir},
 * deleted when the answer is sent or abandoned. The files of all answers at once take at most
 * {@code query.spool-disk-limit} (2 GB); an answer that would take more is refused with 503 and
 * {@code Retry-After} ({@link SpoolFullException}) before anything of it is sent. The answer then
 * carries its {@code Content-Length}.
 */
@Component
public class ResponseSpool {

    private final long memoryThreshold;
    private final long diskLimit;
    private final Path directory;
    private final AtomicLong onDisk = new AtomicLong();

    @Autowired
    ResponseSpool(QueryProperties properties) {
        this(
                properties.spoolMemoryThreshold().toBytes(),
                properties.spoolDiskLimit().toBytes(),
                Path.of(System.getProperty("java.io.tmpdir")));
    }

    /**
     * @param memoryThreshold bytes of an answer kept in memory before it goes to a file
     * @param diskLimit bytes the files of all answers at once may take
     * @param directory where the files are made
     */
    ResponseSpool(long memoryThreshold, long diskLimit, Path directory) {
        this.memoryThreshold = memoryThreshold;
        this.diskLimit = diskLimit;
        this.directory = directory;
    }

    /** What writes an answer's body, to the stream it is given. */
    @FunctionalInterface
    public interface Body {

        /**
         * @throws IOException when writing fails
         */
        void writeTo(OutputStream out) throws IOException;
    }

    /**
     * Writes {@code body} into a new answer of this spool, then sends it as a 200 of {@code
     * contentType} with its length, and deletes what it spooled. Whatever {@code body} holds (a
     * cursor, a turn of the pool) it closes before it returns, so before the client reads a byte.
     *
     * @throws SpoolFullException when the answer would take the files of all answers past their
     *     limit; nothing is sent (a JSON writer wraps what its target throws: unwrapped here)
     * @throws IOException when the client goes away
     */
    public void send(HttpServletResponse response, String contentType, Body body)
            throws IOException {
        try (Answer answer = new Answer()) {
            try {
                body.writeTo(answer.stream);
            } catch (RuntimeException e) {
                throw answer.refusal != null ? answer.refusal : e;
            }
            answer.sendTo(response, contentType);
        }
    }

    /** Bytes the files of the answers in progress take now, in bytes. */
    public long bytesOnDisk() {
        return onDisk.get();
    }

    /** One answer being written, then sent. Not thread-safe. */
    private final class Answer implements AutoCloseable {

        private final FastByteArrayOutputStream memory = new FastByteArrayOutputStream(8192);
        private Path file;
        private OutputStream fileStream;
        private long fileBytes;
        private SpoolFullException refusal;

        private final OutputStream stream =
                new OutputStream() {
                    @Override
                    public void write(int b) throws IOException {
                        write(new byte[] {(byte) b}, 0, 1);
                    }

                    @Override
                    public void write(byte[] bytes, int offset, int length) throws IOException {
                        append(bytes, offset, length);
                    }

                    @Override
                    public void close() {
                        // Writers close what they write to; the answer stays until it is sent.
                    }
                };

        private Answer() {}

        /** The answer's length so far, in bytes. */
        private long size() {
            return memory.size() + fileBytes;
        }

        /** Sends the answer written so far as a 200 of {@code contentType} with its length. */
        private void sendTo(HttpServletResponse response, String contentType) throws IOException {
            if (fileStream != null) {
                fileStream.close();
            }
            response.setStatus(HttpServletResponse.SC_OK);
            response.setContentType(contentType);
            response.setContentLengthLong(size());
            OutputStream out = response.getOutputStream();
            memory.writeTo(out);
            if (file != null) {
                try (InputStream in = Files.newInputStream(file)) {
                    in.transferTo(out);
                }
            }
            out.flush();
        }

        /** Deletes the answer's file, if it has one, and gives back its room. */
        @Override
        public void close() {
            memory.reset();
            try {
                if (fileStream != null) {
                    fileStream.close();
                }
                if (file != null) {
                    Files.deleteIfExists(file);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("could not delete the spooled answer " + file, e);
            } finally {
                onDisk.addAndGet(-fileBytes);
                fileBytes = 0;
            }
        }

        private void append(byte[] bytes, int offset, int length) throws IOException {
            if (file == null && memory.size() + length <= memoryThreshold) {
                memory.write(bytes, offset, length);
                return;
            }
            if (onDisk.addAndGet(length) > diskLimit) {
                onDisk.addAndGet(-length);
                refusal = new SpoolFullException(size() + length, diskLimit);
                throw refusal;
            }
            fileBytes += length;
            if (file == null) {
                file = Files.createTempFile(directory, "query-api-answer-", ".json");
                fileStream = Files.newOutputStream(file);
            }
            fileStream.write(bytes, offset, length);
        }
    }
}
