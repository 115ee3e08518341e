package com.translation.pipeline.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Directories for the throwaway data of the servers tests start (MySQL, MariaDB, Kafka brokers),
 * under {@code ${java.io.tmpdir}/translation-pipeline/scratch}.
 *
 * <p>Each directory is named {@code <prefix>-<pid>-<n>} after the JVM that made it. Its owner
 * deletes it when it closes the server; a JVM that was killed before it could (a CI timeout, {@code
 * kill -9}, a crash) leaves it behind, and the next JVM that makes a scratch directory deletes
 * every one whose JVM is no longer alive. Without this a MySQL 8.0 data directory (0.5 GB empty, up
 * to 9 GB after a benchmark) outlived every test run, and a few dozen runs filled the disk.
 */
public final class ScratchDirectories {

    private static final Path ROOT =
            Path.of(System.getProperty("java.io.tmpdir"), "translation-pipeline", "scratch");
    private static final long PID = ProcessHandle.current().pid();

    private ScratchDirectories() {}

    /**
     * Creates a new, empty directory named for {@code prefix} and this JVM.
     *
     * @param prefix what the directory holds, such as {@code mysql80}; letters, digits and dashes
     * @return the directory's absolute path
     * @throws UncheckedIOException if it cannot be created
     */
    public static Path create(String prefix) {
        Sweep.once();
        try {
            Files.createDirectories(ROOT);
            return Files.createTempDirectory(ROOT, prefix + "-" + PID + "-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Deletes {@code directory} and everything below it, as far as it can: files another process
     * still writes may come back, and the next JVM's sweep takes what remains.
     *
     * @param directory a directory from {@link #create(String)}; a missing one is no error
     */
    public static void delete(Path directory) {
        if (!Files.exists(directory)) {
            return;
        }
        try {
            Files.walkFileTree(
                    directory,
                    new SimpleFileVisitor<>() {
                        @Override
                        public FileVisitResult visitFile(Path file, BasicFileAttributes attrs)
                                throws IOException {
                            Files.deleteIfExists(file);
                            return FileVisitResult.CONTINUE;
                        }

                        @Override
                        public FileVisitResult visitFileFailed(Path file, IOException e) {
                            return FileVisitResult.CONTINUE;
                        }

                        @Override
                        public FileVisitResult postVisitDirectory(Path dir, IOException e)
                                throws IOException {
                            Files.deleteIfExists(dir);
                            return FileVisitResult.CONTINUE;
                        }
                    });
        } catch (NoSuchFileException e) {
            // Gone meanwhile: nothing left to delete.
        } catch (IOException e) {
            System.err.println("Could not delete all of " + directory + ": " + e);
        }
    }

    /**
     * The JVM that made {@code directory}, read from its name.
     *
     * @return the process id, or empty if the name is not one {@link #create(String)} gives
     */
    static Optional<Long> owner(Path directory) {
        String[] parts = directory.getFileName().toString().split("-");
        if (parts.length < 3) {
            return Optional.empty();
        }
        try {
            return Optional.of(Long.parseLong(parts[parts.length - 2]));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /**
     * Deletes the directories under {@code root} whose JVM, named in the directory's name, is no
     * longer alive; leaves the rest, and names {@link #create(String)} does not give, alone.
     *
     * @param root the parent of scratch directories; a missing one is no error
     */
    static void deleteOrphans(Path root) {
        if (!Files.isDirectory(root)) {
            return;
        }
        try (Stream<Path> entries = Files.list(root)) {
            entries.filter(ScratchDirectories::orphaned).forEach(ScratchDirectories::delete);
        } catch (IOException e) {
            System.err.println("Could not list " + root + ": " + e);
        }
    }

    private static boolean orphaned(Path directory) {
        return owner(directory)
                .map(pid -> ProcessHandle.of(pid).map(p -> !p.isAlive()).orElse(true))
                .orElse(false);
    }

    /** Runs {@link #deleteOrphans(Path)} on the scratch root once per JVM, before its first use. */
    private static final class Sweep {
        static {
            deleteOrphans(ROOT);
        }

        static void once() {
            // The class initializer has run by now, exactly once.
        }
    }
}
