package com.translation.pipeline.worker.consume;

import com.translation.pipeline.worker.WorkerProperties;
import com.translation.pipeline.worker.apply.BatchApplier;
import java.util.List;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/** The batch listener of both event topics, in the group {@code spring.kafka.consumer.group-id}. */
@Component
class EventBatchListener {

    private final BatchApplier applier;
    private final String[] topics;

    EventBatchListener(BatchApplier applier, WorkerProperties properties) {
        this.applier = applier;
        this.topics = properties.eventTopics().toArray(String[]::new);
    }

    public String[] getTopics() {
        return topics;
    }

    @KafkaListener(topics = "#{__listener.topics}")
    void onBatch(List<ConsumerRecord<String, byte[]>> records, Consumer<?, ?> consumer) {
        applier.apply(records, consumer);
    }
}
