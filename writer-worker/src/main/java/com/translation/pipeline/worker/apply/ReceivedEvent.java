package com.translation.pipeline.worker.apply;

import com.translation.pipeline.schema.event.EventEnvelope;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/** A valid event and the record it came in. */
public record ReceivedEvent(ConsumerRecord<String, byte[]> record, EventEnvelope envelope) {

    /** Where the record came from, for ordering ties: later offsets win. */
    public long offset() {
        return record.offset();
    }
}
