package com.translation.pipeline.worker.apply;

import com.translation.pipeline.schema.event.EventEnvelope;
import org.apache.kafka.common.TopicPartition;

/** A valid event and where it came from. */
public record ReceivedEvent(TopicPartition partition, long offset, EventEnvelope envelope) {}
