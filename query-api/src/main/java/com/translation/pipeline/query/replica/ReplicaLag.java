package com.translation.pipeline.query.replica;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.Map;

/**
 * How far a replica is behind the primary, from the writer's stored offsets of each (keyed by topic
 * and partition), which the worker writes in the same transaction as the rows: replication applies
 * that transaction whole, so a replica whose offsets have reached the primary's of some moment
 * holds every row the primary held then.
 *
 * <p>The lag in events is the sum over partitions of how far the replica's offset is behind the
 * primary's latest. The lag in time is measured against the primary's offsets of earlier checks:
 * the time from the newest check whose offsets the replica has all reached to the latest check (0
 * when it has reached the latest). It is exact to within one check interval, needs no privilege
 * beyond SELECT (no {@code SHOW REPLICA STATUS}), and a primary at rest shows no lag, however long
 * ago it last wrote. Not thread-safe: one checker uses it.
 */
final class ReplicaLag {

    /**
     * One measurement.
     *
     * @param events events the primary had applied at its latest check and the replica not yet
     * @param behind how far behind the primary it is in time, to within one check interval
     */
    record Measurement(long events, Duration behind) {}

    private record Snapshot(Instant at, Map<String, Long> offsets) {}

    private final int maxHistory;
    private final Deque<Snapshot> history = new ArrayDeque<>();

    /**
     * @param maxHistory checks kept at most while the replica does not catch up; past them its lag
     *     is reported as at least the age of the oldest kept
     */
    ReplicaLag(int maxHistory) {
        this.maxHistory = maxHistory;
    }

    /** Records the primary's offsets as read at {@code at}; checks come in time order. */
    void primary(Instant at, Map<String, Long> offsets) {
        history.addLast(new Snapshot(at, Map.copyOf(offsets)));
        if (history.size() > maxHistory) {
            history.removeFirst();
        }
    }

    /**
     * Measures the replica's offsets, read after the primary's latest, against them.
     *
     * @throws IllegalStateException when no primary offsets were recorded
     */
    Measurement replica(Map<String, Long> offsets) {
        if (history.isEmpty()) {
            throw new IllegalStateException("no primary offsets to measure against");
        }
        Snapshot latest = history.getLast();
        long events = 0;
        for (Map.Entry<String, Long> partition : latest.offsets().entrySet()) {
            events +=
                    Math.max(
                            0, partition.getValue() - offsets.getOrDefault(partition.getKey(), 0L));
        }
        Snapshot reached = null;
        for (Iterator<Snapshot> newestFirst = history.descendingIterator();
                newestFirst.hasNext(); ) {
            Snapshot snapshot = newestFirst.next();
            if (covers(offsets, snapshot.offsets())) {
                reached = snapshot;
                break;
            }
        }
        if (reached == null) {
            // Behind every check kept: at least as old as the oldest.
            return new Measurement(events, Duration.between(history.getFirst().at(), latest.at()));
        }
        // Older checks can no longer be the newest one the replica has reached.
        while (history.getFirst() != reached) {
            history.removeFirst();
        }
        return new Measurement(events, Duration.between(reached.at(), latest.at()));
    }

    private static boolean covers(Map<String, Long> replica, Map<String, Long> primary) {
        for (Map.Entry<String, Long> partition : primary.entrySet()) {
            if (replica.getOrDefault(partition.getKey(), 0L) < partition.getValue()) {
                return false;
            }
        }
        return true;
    }
}
