package com.translation.pipeline.ingest.publish;

import com.translation.pipeline.ingest.IngestProperties;
import com.translation.pipeline.service.kafka.ReplicatedTopics;
import org.apache.kafka.clients.admin.NewTopic;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.KafkaAdmin;

/** Creates the session and task topics at start when they are missing (local runs, tests). */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "ingest.create-topics", havingValue = "true", matchIfMissing = true)
class TopicsConfiguration {

    @Bean
    KafkaAdmin.NewTopics ingestTopics(IngestProperties properties) {
        return new KafkaAdmin.NewTopics(
                topic(properties.sessionsTopic(), properties),
                topic(properties.tasksTopic(), properties));
    }

    private static NewTopic topic(String name, IngestProperties properties) {
        return ReplicatedTopics.builder(
                        name,
                        properties.topicPartitions(),
                        properties.topicReplicationFactor(),
                        properties.topicMinInsyncReplicas())
                .build();
    }
}
