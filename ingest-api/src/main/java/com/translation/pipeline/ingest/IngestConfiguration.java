package com.translation.pipeline.ingest;

import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.support.ProducerListener;

@Configuration(proxyBeanMethods = false)
class IngestConfiguration {

    /**
     * Replaces spring-kafka's LoggingProducerListener, which logs a stack trace for every record
     * that fails: during an outage that is one per item. The batch ingestor logs one line per
     * failed batch and counts the failures in metrics instead.
     */
    @Bean
    ProducerListener<Object, Object> kafkaProducerListener() {
        return new ProducerListener<>() {};
    }

    /** Stamps envelopes' occurred_at; a bean so tests can fix time. */
    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }
}
