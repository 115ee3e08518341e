package com.translation.pipeline.reliability;

import com.translation.pipeline.reliability.Workload.SendOrder;
import com.translation.pipeline.testsupport.PipelineProcesses;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * One scenario's load: two HTTP producers and one direct Kafka producer, each owning a third of the
 * sessions, every answer recorded in the {@link Ledger}.
 */
final class Traffic {

    private static final int HTTP_PRODUCERS = 2;

    private final String prefix;
    private final Ledger ledger = new Ledger();
    private final Workload workload;
    private final Scale scale;
    private final List<Sender> senders = new ArrayList<>();
    private final DirectSender direct;
    private final Random random;
    private LoadRun run;
    private Duration duration;

    Traffic(PipelineProcesses pipeline, int scenario, Scale scale) {
        this(
                pipeline,
                scenario,
                scale,
                scale.sessions(),
                scale.tasksPerSession(),
                scale.versions());
    }

    /** A load of its own shape: {@code sessions} sessions, and so on, over the scale's duration. */
    Traffic(
            PipelineProcesses pipeline,
            int scenario,
            Scale scale,
            int sessions,
            int tasksPerSession,
            int versions) {
        this.prefix = "sc" + scenario + "-" + Long.toString(System.nanoTime(), 36);
        this.scale = scale;
        this.workload = new Workload(prefix, sessions, tasksPerSession, versions);
        this.random = new Random(scenario);
        for (int i = 0; i < HTTP_PRODUCERS; i++) {
            senders.add(
                    new HttpSender(
                            pipeline.ingest().baseUrl(), PipelineProcesses.WRITE_KEY, ledger));
        }
        this.direct = new DirectSender(pipeline.bootstrapServers(), ledger);
        senders.add(direct);
    }

    String prefix() {
        return prefix;
    }

    Ledger ledger() {
        return ledger;
    }

    DirectSender direct() {
        return direct;
    }

    /**
     * Starts sending over {@code duration}: the HTTP producers in {@code httpOrder}, the direct one
     * in its own.
     */
    Traffic start(SendOrder httpOrder, SendOrder directOrder, Duration duration) {
        this.duration = duration;
        List<List<Version>> shares = new ArrayList<>();
        for (int p = 0; p < senders.size(); p++) {
            SendOrder order = p < HTTP_PRODUCERS ? httpOrder : directOrder;
            shares.add(workload.share(p, senders.size(), order, random));
        }
        run = LoadRun.start(senders, shares, duration);
        return this;
    }

    Traffic start(SendOrder httpOrder, SendOrder directOrder) {
        return start(httpOrder, directOrder, scale.duration());
    }

    Traffic start() {
        return start(SendOrder.ASCENDING, SendOrder.ASCENDING);
    }

    /** {@code share} of the time over which the load is spread. */
    Duration part(double share) {
        return Duration.ofMillis((long) (duration.toMillis() * share));
    }

    /** Waits until every producer has sent its share (a direct producer's acks may be pending). */
    void awaitSent() throws Exception {
        run.await(duration.plus(Duration.ofMinutes(5)));
    }

    /** Waits until every producer has sent everything and has every answer. */
    void finish() throws Exception {
        awaitSent();
        for (Sender sender : senders) {
            sender.close();
        }
    }
}
