package com.translation.pipeline.local;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
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
 * the jar in {@code target/cds/} until the jar's content changes. When extraction or training
 * fails, the service starts from its jar as before: the archive only ever saves time.
 *
 * <p>The archive is mapped at the address it was written for ({@code -XX:ArchiveRelocationMode=0},
 * a diagnostic option of JDK 17 and later). The JDK's default since 17.0.x is to map it at a random
 * address and patch every pointer in it at each start: 0.06 s of a quiet start, up to 0.9 s of a
 * start on a busy machine ({@code -Xlog:startuptime}, "Genesis"), and every page of the archive
 * written, so each process held its 95 MB archive as private memory; mapped where it was written,
 * 60 MB of it stays clean page cache that the kernel may drop and processes of the same build
 * share. What that default protects, the address of class metadata against an attacker who can
 * already corrupt the process's memory, matters little for the processes this starts: local runs
 * and tests. The images and units of a production install (ops/Dockerfile, ops/systemd) start from
 * the jar.
 */
final class ClassDataSharing {

    private static final Logger LOG = LoggerFactory.getLogger(ClassDataSharing.class);
    private static final long TRAINING_TIMEOUT_SECONDS = 180;
    private static final Map<String, String> DIGESTS = new HashMap<>();
    private static final Set<Path> FAILED = new HashSet<>();

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
        Path dir = null;
        try {
            dir = archiveDirectory(jar);
            if (FAILED.contains(dir)) {
                return List.of(java, "-jar", jar.toString());
            }
            Files.createDirectories(dir.getParent());
            // Another process (a second test run, a second ./run-local.sh) may prepare the same
            // jar.
            try (FileChannel lock =
                            FileChannel.open(
                                    dir.resolveSibling(dir.getFileName() + ".lock"),
                                    StandardOpenOption.CREATE,
                                    StandardOpenOption.WRITE);
                    FileLock held = lock.lock()) {
                removeOtherBuilds(jar, dir);
                Path extracted = dir.resolve("app").resolve(jar.getFileName());
                if (!Files.isRegularFile(extracted)) {
                    extract(java, jar, dir);
                }
                Path archive = dir.resolve("app.jsa");
                if (!Files.isRegularFile(archive)) {
                    train(java, extracted, archive, environment, dir.resolve("training.log"));
                }
                return List.of(
                        java,
                        "-XX:SharedArchiveFile=" + archive,
                        "-XX:+UnlockDiagnosticVMOptions",
                        "-XX:ArchiveRelocationMode=0",
                        "-jar",
                        extracted.toString());
            }
        } catch (IOException | UncheckedIOException | IllegalStateException e) {
            if (dir != null) {
                // Not tried again for this build in this process: a failed training costs once.
                FAILED.add(dir);
            }
            LOG.warn("{} starts without a class data sharing archive: {}", jar, e.getMessage());
            return List.of(java, "-jar", jar.toString());
        }
    }

    /**
     * {@code target/cds/<jar>-<digest>/}: the digest of the jar and of the JVM that maps the
     * archive. The jars are reproducible (the build's outputTimestamp), so the same sources keep
     * their archive across builds and a change gets a new one.
     */
    private static Path archiveDirectory(Path jar) throws IOException {
        String name = jar.getFileName().toString().replaceFirst("\\.jar$", "");
        Path cds = jar.toAbsolutePath().getParent().resolve("cds");
        return cds.resolve(name + "-" + digest(jar));
    }

    /**
     * Removes the directories, partial extractions and locks of other builds of the jar (exactly
     * its name and a digest); this build's own, its lock included, stay.
     */
    private static void removeOtherBuilds(Path jar, Path keep) throws IOException {
        String name = jar.getFileName().toString().replaceFirst("\\.jar$", "");
        Pattern build = Pattern.compile(Pattern.quote(name) + "-[0-9a-f]{16}(\\.partial|\\.lock)?");
        try (Stream<Path> entries = Files.list(keep.getParent())) {
            for (Path other : entries.toList()) {
                String file = other.getFileName().toString();
                if (build.matcher(file).matches()
                        && !file.startsWith(keep.getFileName().toString())) {
                    deleteRecursively(other);
                }
            }
        }
    }

    /**
     * The first 16 hex digits of the SHA-256 of the jar and the JVM's version, computed once per
     * jar file as it is (path, size, modification time): a start does not read 60 MB again.
     */
    private static String digest(Path jar) throws IOException {
        String file =
                jar.toAbsolutePath()
                        + "|"
                        + Files.size(jar)
                        + "|"
                        + Files.getLastModifiedTime(jar).toMillis();
        String known = DIGESTS.get(file);
        if (known != null) {
            return known;
        }
        try (InputStream in = Files.newInputStream(jar)) {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            sha256.update(System.getProperty("java.vm.version").getBytes(StandardCharsets.UTF_8));
            byte[] buffer = new byte[1 << 16];
            for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
                sha256.update(buffer, 0, read);
            }
            String digest = HexFormat.of().formatHex(sha256.digest()).substring(0, 16);
            DIGESTS.put(file, digest);
            return digest;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
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
                throw new IllegalStateException(
                        String.join(" ", command) + " timed out; see " + log);
            }
            if (process.exitValue() != 0) {
                throw new IllegalStateException(
                        String.join(" ", command)
                                + " exited with "
                                + process.exitValue()
                                + "; see "
                                + log);
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
