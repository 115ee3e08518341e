package com.translation.pipeline.worker.offset;

import static org.assertj.core.api.Assertions.assertThat;

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
        positions.resolve(STORED, OptionalLong.of(7));
        positions.resolve(NOTHING_STORED, OptionalLong.empty());
        positions.resolve(ADVANCED, OptionalLong.empty());
        positions.advanced(Map.of(ADVANCED, 12L));

        assertThat(positions.stored(List.of(STORED, NOTHING_STORED, UNRESOLVED, ADVANCED)))
                .containsExactlyInAnyOrderEntriesOf(Map.of(STORED, 7L, ADVANCED, 12L));
    }

    @Test
    void forgottenPartitionsHaveNoStoredOffset() {
        PartitionPositions positions = new PartitionPositions();
        positions.resolve(STORED, OptionalLong.of(7));
        positions.forget(List.of(STORED));

        assertThat(positions.stored(List.of(STORED))).isEmpty();
    }
}
