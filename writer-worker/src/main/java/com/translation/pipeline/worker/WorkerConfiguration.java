package com.translation.pipeline.worker;

import com.translation.pipeline.schema.event.DeadLetterHeaders;
import com.translation.pipeline.service.kafka.ReplicatedTopics;
import com.translation.pipeline.worker.deadletter.RefusedByDatabaseException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.KafkaOperations;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;

@Configuration(proxyBeanMethods = false)
class WorkerConfiguration {

    /**
     * The dead-letter topic's record limit: the largest event record the brokers take by default (1
     * MiB) plus the dead-letter headers, with room. Values larger than the contract allows are kept
     * only in part ({@code DeadLetters}), so every dead letter fits.
     */
    static final String DEAD_LETTER_MAX_BYTES = "2097152";

    @Bean
    DeadLetterPublishingRecoverer deadLetterPublishingRecoverer(
            KafkaOperations<String, byte[]> kafka, WorkerProperties properties, Clock clock) {
        DeadLetterPublishingRecoverer recoverer =
                new DeadLetterPublishingRecoverer(
                        kafka,
                        (record, ex) -> new TopicPartition(properties.deadLetterTopic(), -1));
        recoverer.setWaitForSendResultTimeout(properties.deadLetterTimeout());
        recoverer.setHeadersFunction(
                (record, ex) -> {
                    RecordHeaders headers = new RecordHeaders();
                    headers.add(
                            DeadLetterHeaders.DEAD_LETTERED_AT,
                            utf8(clock.instant().truncatedTo(ChronoUnit.MICROS).toString()));
                    if (ex instanceof RefusedByDatabaseException refused) {
                        headers.add(DeadLetterHeaders.SQL_STATE, utf8(refused.sqlState()));
                        headers.add(
                                DeadLetterHeaders.SQL_ERROR_CODE,
                                utf8(Integer.toString(refused.errorCode())));
                    }
                    return headers;
                });
        return recoverer;
    }

    @Bean
    @ConditionalOnProperty(
            name = "worker.create-topics",
            havingValue = "true",
            matchIfMissing = true)
    KafkaAdmin.NewTopics workerTopics(WorkerProperties properties) {
        return new KafkaAdmin.NewTopics(
                topic(properties.sessionsTopic(), properties).build(),
                topic(properties.tasksTopic(), properties).build(),
                topic(properties.deadLetterTopic(), properties)
                        .config(TopicConfig.MAX_MESSAGE_BYTES_CONFIG, DEAD_LETTER_MAX_BYTES)
                        .build());
    }

    private static TopicBuilder topic(String name, WorkerProperties properties) {
        return ReplicatedTopics.builder(
                name,
                properties.topicPartitions(),
                properties.topicReplicationFactor(),
                properties.topicMinInsyncReplicas());
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }
}
