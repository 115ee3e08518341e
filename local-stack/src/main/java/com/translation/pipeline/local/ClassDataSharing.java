package com.translation.pipeline.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts a service's JVM from a class data sharing archive of its own classes (JDK AppCDS, as
 * Spring Boot documents it): the jar is extracted once ({@code java -Djarmode=tools extract}), one
 * training run with {@code -Dspring.context.exit=onRefresh} writes the archive of every class the
 * application context loads, and later starts map it instead of loading and verifying those classes
 * again. A writer-worker's start fell from 4.6 s to 3.0 s with it, and to 1.6 s with the worker's
 * C1 compiler (docs/benchmarks.md, "Writer").
 *
 * <p>The training run needs what the service needs to start (its database, its broker), so it runs
 * at the first start of each build of a jar, with that start's settings; the archive is kept beside
 * the jar in {@code target/cds/} until the jar changes. When extraction or training fails, the
 * service starts from its jar as before: the archive only ever saves time.
 */
final class ClassDataSharing {

    private static final Logger LOG = LoggerFactory.getLogger(ClassDataSharing.class);
    private static final long TRAINING_TIMEOUT_SECONDS = 180;

    private ClassDataSharing() {}

    /**
     * The command that starts {@code jar}: {@code java}, the archive's option when there is one,
     * and the jar to run (the extracted one when extraction worked). Trains the archive first when
     * this build of the jar has none, with {@code environment}, logging to {@code training.log}
     * beside the archive.
     *
     * @param java the {@code java} launcher
     * @return the command, without the application's own arguments
     */
    static synchronized List<String> command(
            String java, Path jar, Map<String, String> environment) {
        try {
            Path dir = archiveDirectory(jar);
            Path extracted = dir.resolve("app").resolve(jar.getFileName());
            if (!Files.isRegularFile(extracted)) {
                extract(java, jar, dir);
            }
            Path archive = dir.resolve("app.jsa");
            if (!Files.isRegularFile(archive)) {
                train(java, extracted, archive, environment, dir.resolve("training.log"));
            }
            List<String> command = new ArrayList<>(List.of(java));
            if (Files.isRegularFile(archive)) {
                command.add("-XX:SharedArchiveFile=" + archive);
            }
            command.addAll(List.of("-jar", extracted.toString()));
            return command;
        } catch (IOException | IllegalStateException e) {
            LOG.warn("{} starts without a class data sharing archive: {}", jar, e.getMessage());
            return List.of(java, "-jar", jar.toString());
        }
    }

    /** {@code target/cds/<jar>-<size>-<modified>/}: a new build of the jar gets a new directory. */
    private static Path archiveDirectory(Path jar) throws IOException {
        String name = jar.getFileName().toString().replaceFirst("\\.jar$", "");
        String build = Files.size(jar) + "-" + Files.getLastModifiedTime(jar).toMillis();
        Path cds = jar.toAbsolutePath().getParent().resolve("cds");
        Path dir = cds.resolve(name + "-" + build);
        if (!Files.isDirectory(dir) && Files.isDirectory(cds)) {
            try (Stream<Path> old = Files.list(cds)) {
                for (Path stale :
                        old.filter(p -> p.getFileName().toString().startsWith(name)).toList()) {
                    deleteRecursively(stale);
                }
            }
        }
        return dir;
    }

    private static void extract(String java, Path jar, Path dir) throws IOException {
        Path partial = Files.createDirectories(dir.resolveSibling(dir.getFileName() + ".partial"));
        deleteRecursively(partial.resolve("app"));
        run(
                List.of(
                        java,
                        "-Djarmode=tools",
                        "-jar",
                        jar.toString(),
                        "extract",
                        "--destination",
                        partial.resolve("app").toString()),
                Map.of(),
                partial.resolve("extract.log"));
        deleteRecursively(dir);
        Files.move(partial, dir, StandardCopyOption.ATOMIC_MOVE);
    }

    private static void train(
            String java,
            Path extracted,
            Path archive,
            Map<String, String> environment,
            Path trainingLog)
            throws IOException {
        LOG.info(
                "{}: a training run writes the class data sharing archive (once per build)",
                extracted.getFileName());
        Path partial = archive.resolveSibling("app.jsa.partial");
        Files.deleteIfExists(partial);
        run(
                List.of(
                        java,
                        "-XX:ArchiveClassesAtExit=" + partial,
                        "-Dspring.context.exit=onRefresh",
                        "-jar",
                        extracted.toString(),
                        "--server.port=0"),
                environment,
                trainingLog);
        if (!Files.isRegularFile(partial)) {
            throw new IllegalStateException(
                    "the training run wrote no archive; see " + trainingLog);
        }
        Files.move(partial, archive, StandardCopyOption.ATOMIC_MOVE);
    }

    private static void run(List<String> command, Map<String, String> environment, Path log)
            throws IOException {
        Files.createDirectories(log.toAbsolutePath().getParent());
        ProcessBuilder builder =
                new ProcessBuilder(command)
                        .redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().putAll(environment);
        Process process = builder.start();
        try {
            if (!process.waitFor(TRAINING_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException(command.get(1) + " timed out; see " + log);
            }
            if (process.exitValue() != 0) {
                throw new IllegalStateException(
                        command.get(1) + " exited with " + process.exitValue() + "; see " + log);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static void deleteRecursively(Path path) throws IOException {
        if (!Files.exists(path)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(path)) {
            for (Path each : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(each);
            }
        }
    }
}
