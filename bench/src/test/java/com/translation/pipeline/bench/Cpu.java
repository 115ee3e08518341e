package com.translation.pipeline.bench;

import com.translation.pipeline.testsupport.PipelineProcesses;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/** A process's CPU time so far, user and system, from {@code /proc/<pid>/stat}. */
final class Cpu {

    /** Linux's USER_HZ: the unit of the times in {@code /proc/<pid>/stat}. */
    private static final double TICKS_PER_SECOND = 100.0;

    private Cpu() {}

    /** The pid of {@code pipeline}'s database server, a child of this JVM. */
    static long databasePid(PipelineProcesses pipeline) {
        String url = pipeline.database().jdbcUrl("");
        String port = url.replaceAll(".*://[^:]+:(\\d+)/.*", "$1");
        return ProcessHandle.current()
                .descendants()
                .filter(p -> p.info().commandLine().orElse("").contains("--port=" + port))
                .mapToLong(ProcessHandle::pid)
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("no database process on " + port));
    }

    /**
     * Waits until process {@code pid} used less than a tenth of a core over 5 s, at most {@code
     * most}: a database still flushing what a fill wrote would take the cores from what is measured
     * next.
     *
     * @return the seconds waited
     */
    static double awaitQuiet(long pid, Duration most) throws InterruptedException {
        long started = System.nanoTime();
        long deadline = started + most.toNanos();
        double before = seconds(pid);
        while (System.nanoTime() < deadline) {
            Thread.sleep(5_000);
            double now = seconds(pid);
            if (now - before < 0.5) {
                break;
            }
            before = now;
        }
        return (System.nanoTime() - started) / 1e9;
    }

    /** User plus system CPU seconds of the process. */
    static double seconds(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", String.valueOf(pid), "stat"));
            // The command name in parentheses may hold spaces; the fields follow its closing one.
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            long user = Long.parseLong(fields[11]);
            long system = Long.parseLong(fields[12]);
            return (user + system) / TICKS_PER_SECOND;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
