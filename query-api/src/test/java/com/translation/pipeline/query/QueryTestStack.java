package com.translation.pipeline.query;

import com.translation.pipeline.testsupport.KafkaTestBroker;
import com.translation.pipeline.testsupport.MariaDbServer;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * The real stack of a query-api test that needs no other: the JVM's broker, a fresh MariaDB
 * database.
 */
final class QueryTestStack {

    private QueryTestStack() {}

    /** Registers the shared Kafka broker and a new database on the shared MariaDB server. */
    static void kafkaAndMariaDb(DynamicPropertyRegistry registry) {
        registry.add(
                "spring.kafka.bootstrap-servers", KafkaTestBroker.instance()::bootstrapServers);
        MariaDbServer.instance().createDatabase().register(registry);
    }
}
