package com.translation.pipeline.worker.apply;

import static org.assertj.core.api.Assertions.assertThat;

import com.translation.pipeline.schema.event.EventData;
import com.translation.pipeline.schema.event.EventEnvelope;
import com.translation.pipeline.schema.event.SessionData;
import com.translation.pipeline.schema.event.SessionStatus;
import com.translation.pipeline.schema.event.TaskData;
import com.translation.pipeline.schema.event.TaskStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class RecordCoalescerTest {

    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");

    @Test
    @DisplayName(
            "per key the greatest updated_at wins whatever the order; older ones count as stale")
    void newestVersionWinsAndOlderOnesAreStale() {
        List<ReceivedEvent> events =
                List.of(
                        session("a", 3, 0),
                        session("a", 1, 1),
                        session("b", 1, 2),
                        session("a", 2, 3));

        RecordCoalescer.Coalesced batch = RecordCoalescer.coalesce(events);

        assertThat(batch.sessions()).extracting(ReceivedEvent::offset).containsExactly(0L, 2L);
        assertThat(batch.stale()).isEqualTo(2);
        assertThat(batch.coalesced()).isZero();
    }

    @Test
    @DisplayName(
            "equal versions are replays: the later offset wins, the others are coalesced, not"
                    + " stale")
    void equalVersionsKeepTheLaterOffset() {
        List<ReceivedEvent> events =
                List.of(session("a", 5, 10), session("a", 5, 11), session("a", 5, 12));

        RecordCoalescer.Coalesced batch = RecordCoalescer.coalesce(events);

        assertThat(batch.sessions()).extracting(ReceivedEvent::offset).containsExactly(12L);
        assertThat(batch.coalesced()).isEqualTo(2);
        assertThat(batch.stale()).isZero();
    }

    @Test
    @DisplayName(
            "winners are sorted by primary key so concurrent writers lock rows in the same order")
    void winnersAreSortedByPrimaryKey() {
        List<ReceivedEvent> events =
                List.of(
                        task("t-9", "s", 1, 0),
                        task("t-1", "s", 1, 1),
                        session("z", 1, 2),
                        session("c", 1, 3),
                        task("t-5", "s", 1, 4));

        RecordCoalescer.Coalesced batch = RecordCoalescer.coalesce(events);

        assertThat(batch.sessions())
                .extracting(e -> ((SessionData) e.envelope().data()).sessionId())
                .containsExactly("c", "z");
        assertThat(batch.tasks())
                .extracting(e -> ((TaskData) e.envelope().data()).taskId())
                .containsExactly("t-1", "t-5", "t-9");
    }

    @Test
    @DisplayName("a session and a task with the same id are different records")
    void sessionsAndTasksAreCoalescedSeparately() {
        RecordCoalescer.Coalesced batch =
                RecordCoalescer.coalesce(List.of(session("x", 1, 0), task("x", "x", 1, 1)));

        assertThat(batch.sessions()).hasSize(1);
        assertThat(batch.tasks()).hasSize(1);
    }

    @Test
    @DisplayName("a newer version makes the winner so far and its replays stale, not coalesced")
    void aNewerVersionMakesEarlierReplaysStale() {
        List<ReceivedEvent> events =
                List.of(
                        session("a", 5, 0),
                        session("a", 5, 1),
                        session("a", 7, 2),
                        session("a", 6, 3),
                        session("a", 7, 4),
                        session("b", 2, 6),
                        session("b", 2, 5));

        RecordCoalescer.Coalesced batch = RecordCoalescer.coalesce(events);

        assertThat(batch.sessions()).extracting(ReceivedEvent::offset).containsExactly(4L, 6L);
        assertThat(batch.stale()).isEqualTo(3);
        assertThat(batch.coalesced()).isEqualTo(2);
    }

    @Test
    @DisplayName(
            "random polls: the same winners and counts as keeping every event of a key and"
                    + " taking the greatest at the end")
    void randomPollsAgreeWithTheDefinition() {
        Random random = new Random(7);
        for (int poll = 0; poll < 2_000; poll++) {
            List<ReceivedEvent> events = new ArrayList<>();
            int size = random.nextInt(40);
            for (int i = 0; i < size; i++) {
                String key = "k" + random.nextInt(6);
                int version = random.nextInt(4);
                long offset = random.nextInt(1_000);
                events.add(
                        random.nextBoolean()
                                ? session(key, version, offset)
                                : task(key, key, version, offset));
            }

            RecordCoalescer.Coalesced batch = RecordCoalescer.coalesce(events);

            Definition sessions = Definition.of(events, SessionData.class);
            Definition tasks = Definition.of(events, TaskData.class);
            assertThat(batch.sessions()).isEqualTo(sessions.winners());
            assertThat(batch.tasks()).isEqualTo(tasks.winners());
            assertThat(batch.stale()).isEqualTo(sessions.stale() + tasks.stale());
            assertThat(batch.coalesced()).isEqualTo(sessions.coalesced() + tasks.coalesced());
        }
    }

    /** The rule written out plainly: all events of a key, the greatest by version then offset. */
    private record Definition(List<ReceivedEvent> winners, int stale, int coalesced) {

        static Definition of(List<ReceivedEvent> events, Class<?> kind) {
            Map<String, List<ReceivedEvent>> byKey = new TreeMap<>();
            for (ReceivedEvent event : events) {
                EventData data = event.envelope().data();
                if (kind.isInstance(data)) {
                    String key =
                            data instanceof SessionData session
                                    ? session.sessionId()
                                    : ((TaskData) data).taskId();
                    byKey.computeIfAbsent(key, k -> new ArrayList<>()).add(event);
                }
            }
            List<ReceivedEvent> winners = new ArrayList<>();
            int stale = 0;
            int coalesced = 0;
            for (List<ReceivedEvent> candidates : byKey.values()) {
                ReceivedEvent winner =
                        candidates.stream()
                                .max(
                                        Comparator.comparing(
                                                        (ReceivedEvent e) ->
                                                                e.envelope().data().updatedAt())
                                                .thenComparingLong(ReceivedEvent::offset))
                                .orElseThrow();
                winners.add(winner);
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
            }
            return new Definition(winners, stale, coalesced);
        }
    }

    static ReceivedEvent session(String id, int version, long offset) {
        SessionData data =
                new SessionData(
                        id,
                        null,
                        SessionStatus.RUNNING,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        T0,
                        T0.plusSeconds(version),
                        null);
        return new ReceivedEvent(record("sessions", offset), EventEnvelope.wrap(data, T0));
    }

    static ReceivedEvent task(String id, String sessionId, int version, long offset) {
        TaskData data =
                new TaskData(
                        id,
                        sessionId,
                        0,
                        TaskStatus.PENDING,
                        null,
                        null,
                        null,
                        null,
                        null,
                        T0,
                        T0.plusSeconds(version),
                        null);
        return new ReceivedEvent(record("tasks", offset), EventEnvelope.wrap(data, T0));
    }

    private static ConsumerRecord<String, byte[]> record(String topic, long offset) {
        return new ConsumerRecord<>(topic, 0, offset, null, null);
    }
}
