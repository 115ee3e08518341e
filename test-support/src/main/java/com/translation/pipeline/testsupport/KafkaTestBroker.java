package com.translation.pipeline.testsupport;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;
import org.testcontainers.kafka.KafkaContainer;

/**
 * A real single-node Kafka broker (KRaft) started once per JVM: in-process by default, or the
 * apache/kafka image through Testcontainers with {@code -Dtest.kafka=testcontainers} where Docker
 * exists. Test classes create their own topics with {@link #createTopics} under unique names, so
 * they never read each other's records.
 */
public final class KafkaTestBroker {

    public static final int DEFAULT_PARTITIONS = 3;
    static final String KAFKA_IMAGE = "apache/kafka:4.1.1";

    private final String bootstrapServers;

    private KafkaTestBroker(String bootstrapServers) {
        this.bootstrapServers = bootstrapServers;
    }

    public static KafkaTestBroker instance() {
        return Holder.INSTANCE;
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }

    /** A topic name no other test class uses: {@code base} plus a random suffix. */
    public static String uniqueTopic(String base) {
        return base + "." + UUID.randomUUID().toString().substring(0, 8);
    }

    public void createTopics(int partitions, String... names) {
        try (Admin admin =
                Admin.create(
                        Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            admin.createTopics(
                            Arrays.stream(names)
                                    .map(name -> new NewTopic(name, partitions, (short) 1))
                                    .toList())
                    .all()
                    .get(30, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Could not create topics " + Arrays.toString(names), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Every record on the topic, from the beginning to its current end, partition by partition. */
    public List<ConsumerRecord<String, byte[]>> readAll(String topic) {
        return TopicReader.readAll(bootstrapServers, topic);
    }

    /** The end offset of each partition of the topic. */
    public Map<Integer, Long> endOffsets(String topic) {
        Map<Integer, Long> ends = new java.util.TreeMap<>();
        TopicReader.endOffsets(bootstrapServers, topic)
                .forEach((partition, end) -> ends.put(partition.partition(), end));
        return ends;
    }

    /** The sum over the topic's partitions of their end offsets: how many records it ever got. */
    public long endOffsetSum(String topic) {
        return TopicReader.endOffsets(bootstrapServers, topic).values().stream()
                .mapToLong(Long::longValue)
                .sum();
    }

    private static final class Holder {
        static final KafkaTestBroker INSTANCE =
                "testcontainers".equals(System.getProperty("test.kafka"))
                        ? startContainer()
                        : startEmbedded();

        private static KafkaTestBroker startEmbedded() {
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
            return new KafkaTestBroker(broker.getBrokersAsString());
        }

        private static KafkaTestBroker startContainer() {
            KafkaContainer container = new KafkaContainer(KAFKA_IMAGE);
            container.start();
            return new KafkaTestBroker(container.getBootstrapServers());
        }
    }
}
