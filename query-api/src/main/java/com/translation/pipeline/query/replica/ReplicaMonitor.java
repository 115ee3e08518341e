package com.translation.pipeline.query.replica;

import static com.translation.pipeline.schema.jooq.Tables.CONSUMER_OFFSET;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jooq.DSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How far the replica is behind the primary, measured from the writer's stored offsets, which the
 * worker writes in the same transaction as the rows: replication applies that transaction whole, so
 * a replica whose offsets have reached the primary's holds every row the primary held then.
 *
 * <p>Each {@link #check()} reads the primary's offsets, then the replica's. The lag in events is
 * the sum over partitions of how far the replica's offset is behind the primary's. The lag in time
 * is measured against the primary's offsets of earlier checks: it is the age of the newest check
 * whose primary offsets the replica has all reached (0 when it has reached this check's), so it is
 * exact to within one check interval and needs no privilege beyond SELECT (no {@code SHOW REPLICA
 * STATUS}). A primary at rest shows no lag, however long ago it last wrote.
 */
public class ReplicaMonitor implements MeterBinder {

    private static final Logger log = LoggerFactory.getLogger(ReplicaMonitor.class);

    /** Checks kept at most while the replica does not catch up (an hour at one a second). */
    static final int MAX_HISTORY = 3600;

    /**
     * What the last check found.
     *
     * @param reachable whether the replica answered
     * @param lagEvents events applied on the primary and not yet on the replica; null when it did
     *     not answer
     * @param lag how far behind the primary it is in time (see the class comment); null when it did
     *     not answer
     * @param checkedAt when the check ended
     * @param error why it did not answer, else null
     */
    public record State(
            boolean reachable, Long lagEvents, Duration lag, Instant checkedAt, String error) {}

    private record Snapshot(Instant at, Map<String, Long> offsets) {}

    private final DSLContext primary;
    private final DSLContext replica;
    private final String writerGroup;
    private final Duration maxLag;
    private final Duration checkInterval;
    private final Clock clock;
    private final Deque<Snapshot> history = new ArrayDeque<>();
    private volatile State state;

    /**
     * Whether the replica's failure was logged, so that a long outage logs twice, not per check.
     */
    private boolean downLogged;

    /**
     * @param primary the primary database
     * @param replica the replica
     * @param writerGroup the writer's consumer group, whose offsets are compared
     * @param maxLag the largest lag at which the replica is still read
     * @param checkInterval how often {@link #check()} runs
     * @param clock the time of checks
     */
    ReplicaMonitor(
            DSLContext primary,
            DSLContext replica,
            String writerGroup,
            Duration maxLag,
            Duration checkInterval,
            Clock clock) {
        this.primary = primary;
        this.replica = replica;
        this.writerGroup = writerGroup;
        this.maxLag = maxLag;
        this.checkInterval = checkInterval;
        this.clock = clock;
        this.state = new State(false, null, null, clock.instant(), "not checked yet");
    }

    private ScheduledExecutorService checker;

    /** Starts checking, at once and then every {@code check-interval}, on a thread of its own. */
    synchronized void start() {
        checker =
                Executors.newSingleThreadScheduledExecutor(
                        task -> {
                            Thread thread = new Thread(task, "replica-monitor");
                            thread.setDaemon(true);
                            return thread;
                        });
        checker.scheduleWithFixedDelay(
                this::check, 0, checkInterval.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Stops checking. */
    synchronized void close() {
        if (checker != null) {
            checker.shutdownNow();
        }
    }

    /**
     * {@code query.replica.lag.events} and {@code query.replica.lag.seconds} (NaN while the replica
     * does not answer), and {@code query.replica.available} (1 while reads go to it, else 0).
     */
    @Override
    public void bindTo(MeterRegistry registry) {
        Gauge.builder(
                        "query.replica.lag.events",
                        this,
                        m -> m.state.lagEvents() == null ? Double.NaN : m.state.lagEvents())
                .description("Events the primary has applied and the read replica not yet")
                .register(registry);
        Gauge.builder(
                        "query.replica.lag.seconds",
                        this,
                        m -> m.state.lag() == null ? Double.NaN : m.state.lag().toMillis() / 1000.0)
                .description("How far the read replica is behind the primary")
                .register(registry);
        Gauge.builder("query.replica.available", this, m -> m.unusableBecause() == null ? 1 : 0)
                .description("1 while reads go to the replica, 0 while they go to the primary")
                .register(registry);
    }

    /** What the last check found. */
    public State state() {
        return state;
    }

    /**
     * Why the replica should not be read now, or null when it may: unavailable when its last check
     * failed or no check has come back for three intervals (a frozen server), lagging when it is
     * more than {@code max-lag} behind.
     */
    public ReadRoute.Reason unusableBecause() {
        State now = state;
        if (!now.reachable()
                || now.checkedAt().isBefore(clock.instant().minus(checkInterval.multipliedBy(3)))) {
            return ReadRoute.Reason.UNAVAILABLE;
        }
        return now.lag().compareTo(maxLag) > 0 ? ReadRoute.Reason.LAGGING : null;
    }

    /** Marks the replica unavailable until the next check, after a read could not reach it. */
    void unreachable(Exception cause) {
        state = new State(false, null, null, clock.instant(), reason(cause));
    }

    /** Measures the lag once; never throws (a failure is the state it records). */
    void check() {
        synchronized (history) {
            measure();
        }
    }

    private void measure() {
        Map<String, Long> onPrimary;
        try {
            onPrimary = offsets(primary);
        } catch (RuntimeException e) {
            // Nothing to compare with; the next check tries again.
            log.debug("Replica check: the primary did not answer", e);
            return;
        }
        Instant at = clock.instant();
        history.addLast(new Snapshot(at, onPrimary));
        if (history.size() > MAX_HISTORY) {
            history.removeFirst();
        }
        Map<String, Long> onReplica;
        try {
            onReplica = offsets(replica);
        } catch (RuntimeException e) {
            if (!downLogged) {
                log.warn(
                        "The read replica does not answer; reads go to the primary: {}",
                        e.getMessage());
                downLogged = true;
            }
            state = new State(false, null, null, clock.instant(), reason(e));
            return;
        }
        long lagEvents = 0;
        for (Map.Entry<String, Long> partition : onPrimary.entrySet()) {
            lagEvents +=
                    Math.max(
                            0,
                            partition.getValue() - onReplica.getOrDefault(partition.getKey(), 0L));
        }
        Snapshot reached = null;
        for (Iterator<Snapshot> newestFirst = history.descendingIterator();
                newestFirst.hasNext(); ) {
            Snapshot snapshot = newestFirst.next();
            if (covers(onReplica, snapshot.offsets())) {
                reached = snapshot;
                break;
            }
        }
        Duration lag;
        if (reached == null) {
            // Behind every check kept: at least as old as the oldest.
            lag = Duration.between(history.getFirst().at(), at);
        } else {
            lag = Duration.between(reached.at(), at);
            while (history.getFirst() != reached) {
                history.removeFirst();
            }
        }
        if (downLogged) {
            log.info("The read replica answers again ({} events behind)", lagEvents);
            downLogged = false;
        }
        state = new State(true, lagEvents, lag, clock.instant(), null);
    }

    /** The driver's or the pool's own words, not the wrappers' around them. */
    private static String reason(Throwable failure) {
        Throwable cause = failure;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause.getMessage() == null ? cause.toString() : cause.getMessage();
    }

    private static boolean covers(Map<String, Long> replica, Map<String, Long> primary) {
        for (Map.Entry<String, Long> partition : primary.entrySet()) {
            if (replica.getOrDefault(partition.getKey(), 0L) < partition.getValue()) {
                return false;
            }
        }
        return true;
    }

    private Map<String, Long> offsets(DSLContext db) {
        return db.select(
                        CONSUMER_OFFSET.TOPIC,
                        CONSUMER_OFFSET.KAFKA_PARTITION,
                        CONSUMER_OFFSET.NEXT_OFFSET)
                .from(CONSUMER_OFFSET)
                .where(CONSUMER_OFFSET.CONSUMER_GROUP.eq(writerGroup))
                .fetchMap(row -> row.value1() + "-" + row.value2(), row -> row.value3());
    }
}
