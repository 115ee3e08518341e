package com.translation.pipeline.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One service of the pipeline, run from its jar as a separate process with its log in a file. It
 * can be stopped (SIGTERM), killed (SIGKILL) and started again with the same settings; the local
 * run and the reliability battery both use it.
 */
public final class ServiceProcess implements AutoCloseable {

    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final String name;
    private final int port;
    private final Path log;
    private final ProcessBuilder builder;
    private Process process;

    private ServiceProcess(String name, int port, Path log, ProcessBuilder builder) {
        this.name = name;
        this.port = port;
        this.log = log;
        this.builder = builder;
    }

    /**
     * Starts {@code jar} on {@code port} with {@code environment} added to this JVM's, appending
     * its output to {@code logs/<name>.log}, from a class data sharing archive of the jar's classes
     * ({@link ClassDataSharing}; the first start of a build of the jar trains it).
     */
    public static ServiceProcess start(
            String name, Path jar, int port, Map<String, String> environment, Path logs) {
        try {
            Files.createDirectories(logs);
            Path log = logs.resolve(name + ".log");
            List<String> command =
                    new ArrayList<>(ClassDataSharing.command(java(), jar, environment));
            command.add("--server.port=" + port);
            ProcessBuilder builder =
                    new ProcessBuilder(command)
                            .redirectErrorStream(true)
                            .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
            builder.environment().putAll(environment);
            ServiceProcess service = new ServiceProcess(name, port, log, builder);
            service.startAgain();
            return service;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Makes the class data sharing archive of {@code jar} if this build of it has none, with the
     * settings a start of it would have ({@code environment}), so that its next start is not the
     * one that trains it.
     */
    public static void prepare(Path jar, Map<String, String> environment) {
        ClassDataSharing.command(java(), jar, environment);
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** The jar a module's build leaves in its {@code target/}. */
    public static Path jar(Path root, String module) {
        Path jar = root.resolve(module).resolve("target").resolve(module + "-0.1.0-SNAPSHOT.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: build it with ./mvnw package");
        }
        return jar;
    }

    public String name() {
        return name;
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    /** The operating system's id of the running process. */
    public synchronized long pid() {
        if (process == null) {
            throw new IllegalStateException(name + " is not running");
        }
        return process.pid();
    }

    public synchronized boolean isAlive() {
        return process != null && process.isAlive();
    }

    /** Starts the service again with the same command and settings (after a stop or a kill). */
    public synchronized void startAgain() {
        if (isAlive()) {
            throw new IllegalStateException(name + " is already running");
        }
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Waits until {@code GET /health} answers UP. */
    public void awaitHealthy(Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (!isAlive()) {
                throw new IllegalStateException(name + " exited; see " + log);
            }
            try {
                HttpResponse<String> health =
                        HTTP.send(
                                HttpRequest.newBuilder(URI.create(baseUrl() + "/health"))
                                        .timeout(Duration.ofSeconds(2))
                                        .build(),
                                HttpResponse.BodyHandlers.ofString());
                if (health.statusCode() == 200 && health.body().contains("\"status\":\"UP\"")) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            sleep(500);
        }
        throw new IllegalStateException(
                name + " did not report UP within " + timeout + "; see " + log);
    }

    /** Kills the service at once (SIGKILL), as a crash would: no shutdown hook runs. */
    public synchronized void kill() {
        if (process != null) {
            process.destroyForcibly();
            awaitExit(Duration.ofSeconds(10));
        }
    }

    /** Asks the service to stop (SIGTERM: Boot shuts down gracefully), then insists. */
    @Override
    public synchronized void close() {
        if (process == null) {
            return;
        }
        process.destroy();
        if (!awaitExit(Duration.ofSeconds(30))) {
            process.destroyForcibly();
            awaitExit(Duration.ofSeconds(10));
        }
    }

    private boolean awaitExit(Duration timeout) {
        try {
            return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            return false;
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
