package com.translation.pipeline.service.kafka;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.kafka.core.KafkaAdmin;

/**
 * A shared, long-lived Kafka {@link Admin} client (Boot's {@link KafkaAdmin} settings) and the
 * {@code kafka} health component, for every service that talks to Kafka.
 */
@AutoConfiguration(after = KafkaAutoConfiguration.class)
@ConditionalOnClass(KafkaAdmin.class)
@ConditionalOnBean(KafkaAdmin.class)
public class KafkaSupportAutoConfiguration {

    /** Admin calls give up after this long instead of the client library's 60 s default. */
    static final Duration ADMIN_CALL_TIMEOUT = Duration.ofSeconds(3);

    @Bean(destroyMethod = "close")
    Admin kafkaAdminClient(KafkaAdmin kafkaAdmin) {
        Map<String, Object> config = new HashMap<>(kafkaAdmin.getConfigurationProperties());
        config.putIfAbsent("default.api.timeout.ms", (int) ADMIN_CALL_TIMEOUT.toMillis());
        config.putIfAbsent("request.timeout.ms", (int) ADMIN_CALL_TIMEOUT.toMillis());
        return Admin.create(config);
    }

    @Bean
    TopicOffsets topicOffsets(Admin kafkaAdminClient) {
        return new TopicOffsets(kafkaAdminClient, ADMIN_CALL_TIMEOUT);
    }

    @Bean
    KafkaHealthIndicator kafkaHealthIndicator(Admin kafkaAdminClient) {
        return new KafkaHealthIndicator(kafkaAdminClient, ADMIN_CALL_TIMEOUT);
    }
}
