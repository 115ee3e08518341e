package com.translation.pipeline.reliability;

import com.translation.pipeline.reliability.RecordRef.Kind;
import com.translation.pipeline.testsupport.PipelineProcesses;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;

/**
 * Read-your-writes under load: each of a few readers owns one session and, in a loop, posts its
 * next version to ingest-api, then reads the session from query-api with the consistency token of
 * that answer. Only that reader writes its session, so a read that says {@code X-Consistency:
 * consistent} must show exactly the version just posted; one that shows an older version is counted
 * as wrong. Each reader also reads its session once without a token; any 5xx from query-api is
 * counted as an error.
 */
final class TokenReads implements AutoCloseable {

    /**
     * What the readers saw.
     *
     * @param reads token reads answered
     * @param consistent those that said consistent and showed the version posted
     * @param stale those that said stale (the writer had not applied the version in time)
     * @param wrong those that said consistent and showed another version
     * @param errors query-api answers of 5xx or none, with or without a token
     * @param duringFault token reads made while {@code fault} said true
     */
    record Counts(
            long reads, long consistent, long stale, long wrong, long errors, long duringFault) {}

    private static final Duration TIMEOUT = Duration.ofSeconds(20);

    private final HttpClient client =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final String ingestUrl;
    private final String queryUrl;
    private final BooleanSupplier fault;
    private final ExecutorService readers;
    private final AtomicLong reads = new AtomicLong();
    private final AtomicLong consistent = new AtomicLong();
    private final AtomicLong stale = new AtomicLong();
    private final AtomicLong wrong = new AtomicLong();
    private final AtomicLong errors = new AtomicLong();
    private final AtomicLong duringFault = new AtomicLong();
    private volatile boolean running = true;

    private TokenReads(String ingestUrl, String queryUrl, BooleanSupplier fault, int readers) {
        this.ingestUrl = ingestUrl;
        this.queryUrl = queryUrl;
        this.fault = fault;
        this.readers = Executors.newFixedThreadPool(readers);
    }

    /**
     * Starts {@code readers} readers, each on a session {@code <prefix>-<n>}, until {@link
     * #close()}.
     *
     * @param fault says whether the scenario's fault is on now, for {@link Counts#duringFault}
     */
    static TokenReads start(
            String ingestUrl, String queryUrl, String prefix, int readers, BooleanSupplier fault) {
        TokenReads reads = new TokenReads(ingestUrl, queryUrl, fault, readers);
        for (int i = 0; i < readers; i++) {
            RecordRef session = new RecordRef(Kind.SESSION, prefix + "-" + i, prefix + "-" + i);
            reads.readers.submit(() -> reads.loop(session));
        }
        return reads;
    }

    Counts counts() {
        return new Counts(
                reads.get(),
                consistent.get(),
                stale.get(),
                wrong.get(),
                errors.get(),
                duringFault.get());
    }

    /** Stops the readers after their current round. */
    @Override
    public void close() throws InterruptedException {
        running = false;
        readers.shutdown();
        readers.awaitTermination(1, TimeUnit.MINUTES);
    }

    private void loop(RecordRef session) {
        for (int number = 1; running; number++) {
            Version version = new Version(session, number);
            String token = post(version);
            if (token == null) {
                continue;
            }
            boolean inFault = fault.getAsBoolean();
            HttpResponse<String> read = read(session.id(), token);
            if (read == null || read.statusCode() >= 500) {
                errors.incrementAndGet();
                continue;
            }
            reads.incrementAndGet();
            if (inFault) {
                duringFault.incrementAndGet();
            }
            String consistency = read.headers().firstValue("X-Consistency").orElse("");
            if (consistency.equals("stale")) {
                stale.incrementAndGet();
            } else if (read.statusCode() == 200
                    && consistency.equals("consistent")
                    && HttpSender.JSON
                            .readTree(read.body())
                            .path("title")
                            .asString()
                            .equals(Version.text(number))) {
                consistent.incrementAndGet();
            } else {
                wrong.incrementAndGet();
            }
            HttpResponse<String> plain = read(session.id(), null);
            if (plain == null || plain.statusCode() >= 500) {
                errors.incrementAndGet();
            }
        }
    }

    /** Posts one version; its consistency token when it was accepted, else null. */
    private String post(Version version) {
        byte[] body =
                HttpSender.JSON.writeValueAsBytes(Map.of("sessions", List.of(version.data())));
        HttpResponse<String> answer =
                send(
                        HttpRequest.newBuilder(
                                        URI.create(
                                                ingestUrl + "/api/v1/translation/sessions/batch"))
                                .header("Content-Type", "application/json")
                                .header("X-API-Key", PipelineProcesses.WRITE_KEY)
                                .POST(HttpRequest.BodyPublishers.ofByteArray(body)));
        if (answer == null || answer.statusCode() != 202) {
            return null;
        }
        return HttpSender.JSON.readTree(answer.body()).path("consistency_token").asString();
    }

    private HttpResponse<String> read(String id, String token) {
        HttpRequest.Builder request =
                HttpRequest.newBuilder(URI.create(queryUrl + "/api/v1/translation/sessions/" + id))
                        .header("X-API-Key", PipelineProcesses.READ_KEY);
        if (token != null) {
            request.header("X-Consistency-Token", token);
        }
        return send(request.GET());
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return client.send(
                    request.timeout(TIMEOUT).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
            return null;
        }
    }
}
