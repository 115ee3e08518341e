package com.translation.pipeline.testsupport;

import java.util.Arrays;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.admin.NewTopic;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/**
 * A real single-node Kafka broker (KRaft, in-process) started once per JVM. Test classes create
 * their own topics with {@link #createTopics} under unique names, so they never read each other's
 * records.
 */
public final class KafkaTestBroker {

    public static final int DEFAULT_PARTITIONS = 3;

    private final EmbeddedKafkaBroker broker;

    private KafkaTestBroker(EmbeddedKafkaBroker broker) {
        this.broker = broker;
    }

    public static KafkaTestBroker instance() {
        return Holder.INSTANCE;
    }

    public String bootstrapServers() {
        return broker.getBrokersAsString();
    }

    /** A topic name no other test class uses: {@code base} plus a random suffix. */
    public static String uniqueTopic(String base) {
        return base + "." + UUID.randomUUID().toString().substring(0, 8);
    }

    public void createTopics(int partitions, String... names) {
        broker.addTopics(
                Arrays.stream(names)
                        .map(name -> new NewTopic(name, partitions, (short) 1))
                        .toArray(NewTopic[]::new));
    }

    private static final class Holder {
        static final KafkaTestBroker INSTANCE = start();

        private static KafkaTestBroker start() {
            EmbeddedKafkaKraftBroker broker = new EmbeddedKafkaKraftBroker(1, DEFAULT_PARTITIONS);
            broker.brokerProperties(
                    Map.of(
                            "auto.create.topics.enable", "false",
                            "offsets.topic.replication.factor", "1",
                            "transaction.state.log.replication.factor", "1",
                            "transaction.state.log.min.isr", "1",
                            "group.initial.rebalance.delay.ms", "0"));
            broker.afterPropertiesSet();
            Runtime.getRuntime().addShutdownHook(new Thread(broker::destroy));
            return new KafkaTestBroker(broker);
        }
    }
}
