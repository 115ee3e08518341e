package com.translation.pipeline.worker.offset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class PartitionPositionsTest {

    private static final TopicPartition STORED = new TopicPartition("t", 0);
    private static final TopicPartition NOTHING_STORED = new TopicPartition("t", 1);
    private static final TopicPartition UNRESOLVED = new TopicPartition("t", 2);
    private static final TopicPartition ADVANCED = new TopicPartition("t", 3);

    @Test
    void storedOffsetsAreThoseOfResolvedPartitionsWithAnOffset() {
        PartitionPositions positions = new PartitionPositions();
        positions.resolve(STORED, OptionalLong.of(7), 7);
        positions.resolve(NOTHING_STORED, OptionalLong.empty(), 0);
        positions.resolve(ADVANCED, OptionalLong.empty(), 3);
        positions.advanced(ADVANCED, 12L);

        assertThat(positions.stored())
                .containsExactlyInAnyOrderEntriesOf(Map.of(STORED, 7L, ADVANCED, 12L));
        assertThat(positions.resolved()).doesNotContain(UNRESOLVED);
        assertThat(positions.get(ADVANCED).fetchFrom()).isEqualTo(12L);
    }

    @Test
    void aPartitionRestartedAtTheLogStartKeepsItsStoredOffsetForTheCompareAndSet() {
        PartitionPositions positions = new PartitionPositions();
        positions.resolve(STORED, OptionalLong.of(7), 40);

        assertThat(positions.get(STORED).stored()).hasValue(7);
        assertThat(positions.get(STORED).fetchFrom()).isEqualTo(40);
    }

    @Test
    void forgottenPartitionsAreUnresolved() {
        PartitionPositions positions = new PartitionPositions();
        positions.resolve(STORED, OptionalLong.of(7), 7);
        positions.forget(List.of(STORED));

        assertThat(positions.stored()).isEmpty();
        assertThat(positions.isResolved(STORED)).isFalse();
        assertThatThrownBy(() -> positions.get(STORED)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void anAdvanceNeverMovesBackwards() {
        assertThatThrownBy(() -> new OffsetStore.Advance(OptionalLong.of(10), 9))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(new OffsetStore.Advance(OptionalLong.of(10), 10).to()).isEqualTo(10);
        assertThat(new OffsetStore.Advance(OptionalLong.empty(), 0).from()).isEmpty();
    }
}
