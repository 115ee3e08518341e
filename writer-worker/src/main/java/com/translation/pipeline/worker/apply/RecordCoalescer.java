package com.translation.pipeline.worker.apply;

import com.translation.pipeline.schema.event.EventData;
import com.translation.pipeline.schema.event.SessionData;
import com.translation.pipeline.schema.event.TaskData;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Keeps, per record key, only the event with the greatest {@code updated_at} (ties: the later
 * offset), so a batch writes each row once. The others are counted: older ones as stale, equal ones
 * (replays) as coalesced.
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
     */
    public record Coalesced(
            List<ReceivedEvent> sessions, List<ReceivedEvent> tasks, int stale, int coalesced) {}

    public static Coalesced coalesce(List<ReceivedEvent> events) {
        Map<String, List<ReceivedEvent>> sessions = new TreeMap<>();
        Map<String, List<ReceivedEvent>> tasks = new TreeMap<>();
        for (ReceivedEvent event : events) {
            EventData data = event.envelope().data();
            if (data instanceof SessionData session) {
                sessions.computeIfAbsent(session.sessionId(), k -> new ArrayList<>()).add(event);
            } else if (data instanceof TaskData task) {
                tasks.computeIfAbsent(task.taskId(), k -> new ArrayList<>()).add(event);
            }
        }
        Tally tally = new Tally();
        List<ReceivedEvent> sessionWinners = tally.winners(sessions);
        List<ReceivedEvent> taskWinners = tally.winners(tasks);
        return new Coalesced(sessionWinners, taskWinners, tally.stale, tally.coalesced);
    }

    private static final class Tally {
        private int stale;
        private int coalesced;

        /** One winner per key, in key order. */
        List<ReceivedEvent> winners(Map<String, List<ReceivedEvent>> byKey) {
            List<ReceivedEvent> winners = new ArrayList<>(byKey.size());
            for (List<ReceivedEvent> candidates : byKey.values()) {
                ReceivedEvent winner = candidates.stream().max(NEWEST_LAST).orElseThrow();
                for (ReceivedEvent other : candidates) {
                    if (other == winner) {
                        continue;
                    }
                    if (other.envelope()
                            .data()
                            .updatedAt()
                            .isBefore(winner.envelope().data().updatedAt())) {
                        stale++;
                    } else {
                        coalesced++;
                    }
                }
                winners.add(winner);
            }
            return winners;
        }
    }
}
