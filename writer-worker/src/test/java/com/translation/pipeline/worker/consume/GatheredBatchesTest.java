package com.translation.pipeline.worker.consume;

import static org.assertj.core.api.Assertions.assertThat;

import com.translation.pipeline.worker.apply.PartitionBatch;
import com.translation.pipeline.worker.offset.OffsetStore;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;

class GatheredBatchesTest {

    private static final TopicPartition P0 = new TopicPartition("tasks", 0);
    private static final TopicPartition P1 = new TopicPartition("tasks", 1);

    @Test
    void consecutivePollsOfAPartitionJoinIntoOneBatchFromItsStoredOffsetToTheLastPosition() {
        GatheredBatches gathered = new GatheredBatches();

        gathered.add(batch(P0, OptionalLong.of(10), 10, 13, 100));
        gathered.add(batch(P1, OptionalLong.empty(), 0, 2, 50));
        gathered.add(batch(P0, OptionalLong.of(10), 13, 15, 100));

        assertThat(gathered.records()).isEqualTo(7);
        assertThat(gathered.bytes()).isEqualTo(5 * (100 + 3) + 2 * (50 + 3));
        assertThat(gathered.next(P0)).hasValue(15);
        assertThat(gathered.next(new TopicPartition("tasks", 2))).isEmpty();
        List<PartitionBatch> batches = gathered.batches();
        assertThat(batches).extracting(PartitionBatch::partition).containsExactly(P0, P1);
        assertThat(batches.get(0).advance())
                .isEqualTo(new OffsetStore.Advance(OptionalLong.of(10), 15));
        assertThat(batches.get(0).records())
                .extracting(ConsumerRecord::offset)
                .containsExactly(10L, 11L, 12L, 13L, 14L);
    }

    @Test
    void aDroppedPartitionTakesItsRecordsAndBytesOutOfTheCount() {
        GatheredBatches gathered = new GatheredBatches();
        gathered.add(batch(P0, OptionalLong.of(0), 0, 4, 10));
        gathered.add(batch(P1, OptionalLong.of(0), 0, 1, 10));

        gathered.drop(List.of(P0, new TopicPartition("sessions", 0)));

        assertThat(gathered.records()).isEqualTo(1);
        assertThat(gathered.bytes()).isEqualTo(13);
        assertThat(gathered.next(P0)).isEmpty();
        assertThat(gathered.batches()).extracting(PartitionBatch::partition).containsExactly(P1);
    }

    /** A poll that only moved past transaction markers advances the offset with no records. */
    @Test
    void aBatchWithoutRecordsStillMovesTheOffset() {
        GatheredBatches gathered = new GatheredBatches();
        gathered.add(batch(P0, OptionalLong.of(7), 7, 7, 0));
        gathered.add(
                new PartitionBatch(P0, new OffsetStore.Advance(OptionalLong.of(7), 9), List.of()));

        assertThat(gathered.isEmpty()).isFalse();
        assertThat(gathered.records()).isZero();
        assertThat(gathered.next(P0)).hasValue(9);
    }

    /** Records {@code from} to {@code to - 1} of {@code valueBytes} each, keys of 3 bytes. */
    private static PartitionBatch batch(
            TopicPartition partition, OptionalLong stored, long from, long to, int valueBytes) {
        List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
        for (long offset = from; offset < to; offset++) {
            records.add(
                    new ConsumerRecord<>(
                            partition.topic(),
                            partition.partition(),
                            offset,
                            0L,
                            TimestampType.CREATE_TIME,
                            3,
                            valueBytes,
                            "key",
                            new byte[valueBytes],
                            new RecordHeaders(),
                            java.util.Optional.empty()));
        }
        return new PartitionBatch(partition, new OffsetStore.Advance(stored, to), records);
    }
}
