package com.translation.pipeline.worker;

import com.translation.pipeline.schema.event.DeadLetterHeaders;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.KafkaOperations;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.util.backoff.ExponentialBackOff;

@Configuration(proxyBeanMethods = false)
class WorkerConfiguration {

    /**
     * Retries a failed batch (database down, deadlock, lost connection, dead-letter topic
     * unwritable) with exponential backoff, for ever: the partitions stay paused and the consumer
     * keeps polling, so the worker stays in its group and resumes by itself. Invalid records never
     * reach it; they are dead-lettered by the applier.
     */
    @Bean
    DefaultErrorHandler batchRetryingErrorHandler(WorkerProperties properties) {
        ExponentialBackOff backOff =
                new ExponentialBackOff(properties.retryInitialInterval().toMillis(), 2.0);
        backOff.setMaxInterval(properties.retryMaxInterval().toMillis());
        DefaultErrorHandler handler = new DefaultErrorHandler(backOff);
        handler.setLogLevel(org.springframework.kafka.KafkaException.Level.WARN);
        return handler;
    }

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
                            clock.instant()
                                    .truncatedTo(ChronoUnit.MICROS)
                                    .toString()
                                    .getBytes(StandardCharsets.UTF_8));
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
                TopicBuilder.name(properties.sessionsTopic())
                        .partitions(properties.topicPartitions())
                        .build(),
                TopicBuilder.name(properties.tasksTopic())
                        .partitions(properties.topicPartitions())
                        .build(),
                TopicBuilder.name(properties.deadLetterTopic())
                        .partitions(properties.topicPartitions())
                        .build());
    }

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }
}
