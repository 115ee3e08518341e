package com.translation.pipeline.query.replica;

import static com.translation.pipeline.schema.jooq.Tables.CONSUMER_OFFSET;

import com.translation.pipeline.schema.db.SessionDeletion;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jooq.DSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches the read replica: every {@code check-interval} it reads the writer's stored offsets and
 * the count of committed deletes ({@link SessionDeletion#deletions}) on the primary, then on the
 * replica, and measures the replica's lag from them ({@link ReplicaLag}): a delete done by
 * query-api moves no offset, so without the count a replica that missed deletes would look current.
 * Reads use the replica while its last check succeeded, came back within three intervals and found
 * it at most {@code max-lag} behind ({@link #unusableBecause()}).
 */
public class ReplicaMonitor implements MeterBinder {

    private static final Logger log = LoggerFactory.getLogger(ReplicaMonitor.class);

    /** The key of the delete count among the offsets compared (a partition's ends in a number). */
    static final String DELETIONS = "deletions";

    /** Checks kept at most while the replica does not catch up (an hour at one a second). */
    static final int MAX_HISTORY = 3600;

    /**
     * What the last check found.
     *
     * @param reachable whether the replica answered
     * @param lagEvents events and delete transactions applied on the primary and not yet on the
     *     replica; null when it did not answer
     * @param lag how far behind the primary it is in time ({@link ReplicaLag}); null when it did
     *     not answer
     * @param checkedAt when the check ended
     * @param error why it did not answer, else null
     */
    public record State(
            boolean reachable, Long lagEvents, Duration lag, Instant checkedAt, String error) {}

    private final DSLContext primary;
    private final DSLContext replica;
    private final String writerGroup;
    private final Duration maxLag;
    private final Duration checkInterval;
    private final Clock clock;
    private final ReplicaLag lag = new ReplicaLag(MAX_HISTORY);
    private final Map<ReadRoute.Reason, Counter> fallbacks = new ConcurrentHashMap<>();
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
     * {@code query.replica.fallbacks} by reason, {@code query.replica.lag.events} and {@code
     * query.replica.lag.seconds} (NaN while the replica does not answer), and {@code
     * query.replica.available} (1 while reads go to it, else 0).
     */
    @Override
    public void bindTo(MeterRegistry registry) {
        for (ReadRoute.Reason reason : ReadRoute.Reason.values()) {
            fallbacks.put(
                    reason,
                    Counter.builder("query.replica.fallbacks")
                            .description("Reads that went to the primary instead of the replica")
                            .tag("reason", reason.tag())
                            .register(registry));
        }
        Gauge.builder(
                        "query.replica.lag.events",
                        this,
                        m -> m.state.lagEvents() == null ? Double.NaN : m.state.lagEvents())
                .description(
                        "Events and delete transactions the primary has applied and the read"
                                + " replica not yet")
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
        synchronized (lag) {
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
        lag.primary(clock.instant(), onPrimary);
        Map<String, Long> onReplica;
        try {
            onReplica = offsets(replica);
        } catch (RuntimeException e) {
            if (!downLogged) {
                log.warn(
                        "The read replica does not answer; reads go to the primary: {}", reason(e));
                downLogged = true;
            }
            state = new State(false, null, null, clock.instant(), reason(e));
            return;
        }
        ReplicaLag.Measurement measured = lag.replica(onReplica);
        if (downLogged) {
            log.info("The read replica answers again ({} events behind)", measured.events());
            downLogged = false;
        }
        state = new State(true, measured.events(), measured.behind(), clock.instant(), null);
    }

    /** The driver's or the pool's own words, not the wrappers' around them. */
    private static String reason(Throwable failure) {
        Throwable cause = failure;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause.getMessage() == null ? cause.toString() : cause.getMessage();
    }

    /** Counts a read that went to the primary instead of the replica. */
    void countFallback(ReadRoute.Reason reason) {
        Counter counter = fallbacks.get(reason);
        if (counter != null) {
            counter.increment();
        }
    }

    /** The primary's count of committed deletes now ({@link SessionDeletion#deletions}). */
    long deletionsOnPrimary() {
        return SessionDeletion.deletions(primary);
    }

    /**
     * What {@code db} has applied: the writer group's next offset per partition ({@code
     * topic-partition}) and, under {@link #DELETIONS}, the delete transactions.
     */
    private Map<String, Long> offsets(DSLContext db) {
        Map<String, Long> applied = new HashMap<>();
        db.select(
                        CONSUMER_OFFSET.TOPIC,
                        CONSUMER_OFFSET.KAFKA_PARTITION,
                        CONSUMER_OFFSET.NEXT_OFFSET)
                .from(CONSUMER_OFFSET)
                .where(CONSUMER_OFFSET.CONSUMER_GROUP.eq(writerGroup))
                .forEach(row -> applied.put(row.value1() + "-" + row.value2(), row.value3()));
        applied.put(DELETIONS, SessionDeletion.deletions(db));
        return applied;
    }
}
