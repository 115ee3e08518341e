package com.translation.pipeline.bench;

import com.translation.pipeline.testsupport.PipelineProcesses;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.DoubleSupplier;

/**
 * A process's CPU time so far, user and system, from {@code /proc/<pid>/stat}, and the machine's
 * from {@code /proc/stat}.
 */
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
        return awaitQuiet(() -> seconds(pid), 5_000, 0.5, most);
    }

    /**
     * Waits until the whole machine used less than a quarter of a core over 2 s, at most {@code
     * most}: services started just before, a broker writing out a prefill or a database purging the
     * last run would take the cores from a launch that is timed next.
     *
     * @return the seconds waited
     */
    static double awaitMachineQuiet(Duration most) throws InterruptedException {
        return awaitQuiet(Cpu::machineSeconds, 2_000, 0.5, most);
    }

    /**
     * Waits until {@code cpuSeconds} grew by less than {@code busySeconds} over a window of {@code
     * windowMillis}, at most {@code most}; returns the seconds waited.
     */
    private static double awaitQuiet(
            DoubleSupplier cpuSeconds, long windowMillis, double busySeconds, Duration most)
            throws InterruptedException {
        long started = System.nanoTime();
        long deadline = started + most.toNanos();
        double before = cpuSeconds.getAsDouble();
        while (System.nanoTime() < deadline) {
            Thread.sleep(windowMillis);
            double now = cpuSeconds.getAsDouble();
            if (now - before < busySeconds) {
                break;
            }
            before = now;
        }
        return (System.nanoTime() - started) / 1e9;
    }

    /** CPU seconds the machine spent busy, all cores: the first line of {@code /proc/stat}. */
    static double machineSeconds() {
        try {
            String cpu = Files.readAllLines(Path.of("/proc/stat")).get(0);
            String[] fields = cpu.trim().split("\\s+");
            long busy = 0;
            // user nice system idle iowait irq softirq steal: all but idle and iowait are busy.
            for (int i : new int[] {1, 2, 3, 6, 7, 8}) {
                busy += Long.parseLong(fields[i]);
            }
            return busy / TICKS_PER_SECOND;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
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
