package com.translation.pipeline.worker.apply;

import com.translation.pipeline.schema.event.EventData;
import com.translation.pipeline.schema.event.SessionData;
import com.translation.pipeline.schema.event.TaskData;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Keeps, per record key, only the event with the greatest {@code updated_at} (ties: the later
 * offset), so a batch writes each row once. The others are counted: older ones as stale, equal ones
 * (replays) as coalesced.
 *
 * <p>One pass over the poll with a hash map of the newest event per key, then one sort of the
 * winners by key: a sorted map from the start compared keys about twice as often (4 % of the
 * worker's samples in a drain, docs/benchmarks.md).
 */
public final class RecordCoalescer {

    private static final Comparator<ReceivedEvent> NEWEST_LAST =
            Comparator.comparing((ReceivedEvent e) -> e.envelope().data().updatedAt())
                    .thenComparing(e -> e.record().topic())
                    .thenComparingInt(e -> e.record().partition())
                    .thenComparingLong(ReceivedEvent::offset);

    private RecordCoalescer() {}

    /**
     * Winners per table, sorted by primary key so that concurrent writers lock rows in one order.
     *
     * @param sessions the newest event of each session id, by session id
     * @param tasks the newest event of each task id, by task id
     * @param stale events older than their key's winner
     * @param coalesced events as new as their key's winner (replays), the winner not counted
     */
    public record Coalesced(
            List<ReceivedEvent> sessions, List<ReceivedEvent> tasks, int stale, int coalesced) {}

    /**
     * @param events a poll's valid events, in any order
     * @return the winners and the counts of the others
     */
    public static Coalesced coalesce(List<ReceivedEvent> events) {
        Map<String, Newest> sessions = new HashMap<>();
        Map<String, Newest> tasks = new HashMap<>();
        int stale = 0;
        for (ReceivedEvent event : events) {
            EventData data = event.envelope().data();
            if (data instanceof SessionData session) {
                stale += offer(sessions, session.sessionId(), event);
            } else if (data instanceof TaskData task) {
                stale += offer(tasks, task.taskId(), event);
            }
        }
        int coalesced = 0;
        for (Newest newest : sessions.values()) {
            coalesced += newest.asNew;
        }
        for (Newest newest : tasks.values()) {
            coalesced += newest.asNew;
        }
        return new Coalesced(byKey(sessions), byKey(tasks), stale, coalesced);
    }

    /** Offers {@code event} as its key's newest; returns how many events it made stale. */
    private static int offer(Map<String, Newest> newestByKey, String key, ReceivedEvent event) {
        Newest newest = newestByKey.get(key);
        if (newest == null) {
            newestByKey.put(key, new Newest(event));
            return 0;
        }
        return newest.offer(event);
    }

    private static List<ReceivedEvent> byKey(Map<String, Newest> newestByKey) {
        List<Map.Entry<String, Newest>> winners = new ArrayList<>(newestByKey.entrySet());
        winners.sort(Map.Entry.comparingByKey());
        List<ReceivedEvent> events = new ArrayList<>(winners.size());
        for (Map.Entry<String, Newest> winner : winners) {
            events.add(winner.getValue().event);
        }
        return events;
    }

    /** A key's newest event so far, and how many others had its version. */
    private static final class Newest {
        private ReceivedEvent event;
        private int asNew;

        Newest(ReceivedEvent event) {
            this.event = event;
        }

        /** Returns how many events became stale: the offered one, or the ones it supersedes. */
        int offer(ReceivedEvent other) {
            boolean wins = NEWEST_LAST.compare(other, event) > 0;
            boolean sameVersion = version(other).equals(version(event));
            if (sameVersion) {
                asNew++;
                if (wins) {
                    event = other;
                }
                return 0;
            }
            if (!wins) {
                return 1;
            }
            // A newer version: the winner so far and the ones as new as it are now stale.
            int superseded = 1 + asNew;
            event = other;
            asNew = 0;
            return superseded;
        }

        private static Instant version(ReceivedEvent event) {
            return event.envelope().data().updatedAt();
        }
    }
}
