package com.translation.pipeline.worker.apply;

import static org.assertj.core.api.Assertions.assertThat;

import com.translation.pipeline.schema.event.EventEnvelope;
import com.translation.pipeline.schema.event.SessionData;
import com.translation.pipeline.schema.event.SessionStatus;
import com.translation.pipeline.schema.event.TaskData;
import com.translation.pipeline.schema.event.TaskStatus;
import java.time.Instant;
import java.util.List;
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
