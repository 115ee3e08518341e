package com.translation.pipeline.query.replica;

import java.util.Locale;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Which database the current request reads from: the replica, while it is usable, for the reads
 * that {@link ReplicaConfiguration} routes, else the primary. The choice is the request thread's
 * own, made once when the request starts and changed only to fall back to the primary; every other
 * thread (the scheduled cleanup, Flyway, the health check) reads the primary.
 *
 * <p>Each fall-back is counted by the {@link ReplicaMonitor} ({@code query.replica.fallbacks}).
 */
@Component
public class ReadRoute {

    /** The database a read goes to. */
    public enum Target {
        PRIMARY,
        REPLICA
    }

    /** Why a read that could have gone to the replica went to the primary. */
    public enum Reason {
        /** The replica does not answer (its last check failed, or a connection to it did). */
        UNAVAILABLE,
        /** The replica lags the primary by more than {@code query.replica.max-lag}. */
        LAGGING,
        /** A consistency token's events were on the primary, not yet on the replica, at timeout. */
        CONSISTENCY;

        /** Its name as a metric tag. */
        String tag() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private final ThreadLocal<Target> target = new ThreadLocal<>();
    private final ObjectProvider<ReplicaMonitor> monitor;

    ReadRoute(ObjectProvider<ReplicaMonitor> monitor) {
        this.monitor = monitor;
    }

    /** The current thread's target; the primary when none was chosen. */
    public Target current() {
        Target chosen = target.get();
        return chosen == null ? Target.PRIMARY : chosen;
    }

    /** True when the current thread reads from the replica. */
    public boolean onReplica() {
        return current() == Target.REPLICA;
    }

    /**
     * Chooses the replica for the current request when one is configured and usable, else the
     * primary (counted when a replica is configured).
     */
    void beginRead() {
        ReplicaMonitor replica = monitor.getIfAvailable();
        if (replica == null) {
            return;
        }
        Reason unusable = replica.unusableBecause();
        if (unusable == null) {
            target.set(Target.REPLICA);
        } else {
            target.set(Target.PRIMARY);
            replica.countFallback(unusable);
        }
    }

    /**
     * Moves the current thread's reads to the primary, when they were on the replica, and counts
     * why.
     *
     * @return true when the reads were on the replica (and now are on the primary)
     */
    public boolean fallBack(Reason reason) {
        if (!onReplica()) {
            return false;
        }
        target.set(Target.PRIMARY);
        ReplicaMonitor replica = monitor.getIfAvailable();
        if (replica != null) {
            replica.countFallback(reason);
        }
        return true;
    }

    /**
     * What a consistent read must also wait for on the replica: the delete transactions the primary
     * has committed by now ({@code SessionDeletion.deletions}), since a delete moves no offset a
     * token names; 0 on the primary, which has them all.
     */
    public long deletionsToWaitFor() {
        ReplicaMonitor replica = monitor.getIfAvailable();
        return replica == null || !onReplica() ? 0 : replica.deletionsOnPrimary();
    }

    /** Forgets the current thread's choice, at the end of its request. */
    void end() {
        target.remove();
    }
}
