package com.translation.pipeline.worker.apply;

import com.translation.pipeline.worker.offset.OffsetStore;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;

/**
 * What one poll brought of one partition: its records (possibly none, when the poll only moved past
 * transaction markers or aborted records) and how its stored offset moves when they are applied.
 */
public record PartitionBatch(
        TopicPartition partition,
        OffsetStore.Advance advance,
        List<ConsumerRecord<String, byte[]>> records) {}
