package com.translation.pipeline.worker;

import static com.translation.pipeline.schema.jooq.Tables.CONSUMER_OFFSET;
import static org.awaitility.Awaitility.await;

import com.translation.pipeline.schema.db.ServerDialect;
import com.translation.pipeline.schema.event.Topics;
import com.translation.pipeline.testsupport.DatabaseServer;
import com.translation.pipeline.testsupport.KafkaTestBroker;
import com.translation.pipeline.testsupport.TestDatabase;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * One test class's own slice of the shared test stack: its topics (4 partitions each), consumer
 * group and database, with a direct producer and a check that everything published is applied.
 */
final class WorkerStack implements AutoCloseable {

    static final int PARTITIONS = 4;

    final String sessionsTopic = KafkaTestBroker.uniqueTopic(Topics.SESSIONS);
    final String tasksTopic = KafkaTestBroker.uniqueTopic(Topics.TASKS);
    final String deadLetterTopic = KafkaTestBroker.uniqueTopic(Topics.DEAD_LETTERS);
    final String group = "writer-" + UUID.randomUUID();
    final TestDatabase database;
    private final KafkaTestBroker kafka = KafkaTestBroker.instance();
    private KafkaProducer<String, byte[]> producer;
    private DSLContext db;

    private WorkerStack(TestDatabase database) {
        this.database = database;
        kafka.createTopics(PARTITIONS, sessionsTopic, tasksTopic, deadLetterTopic);
    }

    static WorkerStack on(DatabaseServer server) {
        return new WorkerStack(server.createDatabase());
    }

    void register(DynamicPropertyRegistry registry) {
        properties().forEach((name, value) -> registry.add(name, () -> value));
    }

    /** The settings that point a worker at this slice of the stack. */
    Map<String, Object> properties() {
        Map<String, Object> properties = new java.util.LinkedHashMap<>();
        properties.put("spring.datasource.url", database.jdbcUrl());
        properties.put("spring.datasource.username", database.server().username());
        properties.put("spring.datasource.password", database.server().password());
        properties.put("spring.kafka.bootstrap-servers", kafka.bootstrapServers());
        properties.put("spring.kafka.consumer.group-id", group);
        properties.put("worker.sessions-topic", sessionsTopic);
        properties.put("worker.tasks-topic", tasksTopic);
        properties.put("worker.dead-letter-topic", deadLetterTopic);
        properties.put("worker.create-topics", false);
        properties.put("worker.retry-initial-interval", "200ms");
        properties.put("worker.retry-max-interval", "2s");
        return properties;
    }

    /** The database, as the tests read it (the worker's context has migrated it). */
    DSLContext db() {
        if (db == null) {
            DataSource dataSource = database.dataSource();
            db = DSL.using(dataSource, ServerDialect.of(dataSource), ServerDialect.settings());
        }
        return db;
    }

    void send(String topic, int partition, String key, byte[] value) {
        try {
            producer().send(new ProducerRecord<>(topic, partition, key, value)).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e);
        }
    }

    void sendWithHeaders(String topic, String key, byte[] value, Iterable<Header> headers) {
        try {
            producer().send(new ProducerRecord<>(topic, null, key, value, headers)).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Waits until the stored offset of every partition of both event topics is its end offset. */
    void awaitApplied(Duration atMost) {
        await().atMost(atMost).pollInterval(Duration.ofMillis(100)).until(this::applied);
    }

    boolean applied() {
        Map<String, Map<Integer, Long>> stored =
                db()
                        .select(
                                CONSUMER_OFFSET.TOPIC,
                                CONSUMER_OFFSET.KAFKA_PARTITION,
                                CONSUMER_OFFSET.NEXT_OFFSET)
                        .from(CONSUMER_OFFSET)
                        .where(CONSUMER_OFFSET.CONSUMER_GROUP.eq(group))
                        .fetchGroups(CONSUMER_OFFSET.TOPIC)
                        .entrySet()
                        .stream()
                        .collect(
                                java.util.stream.Collectors.toMap(
                                        Map.Entry::getKey,
                                        e ->
                                                e.getValue()
                                                        .intoMap(
                                                                CONSUMER_OFFSET.KAFKA_PARTITION,
                                                                CONSUMER_OFFSET.NEXT_OFFSET)));
        for (String topic : List.of(sessionsTopic, tasksTopic)) {
            for (Map.Entry<Integer, Long> end : kafka.endOffsets(topic).entrySet()) {
                long at = stored.getOrDefault(topic, Map.of()).getOrDefault(end.getKey(), 0L);
                if (at < end.getValue()) {
                    return false;
                }
            }
        }
        return true;
    }

    /** The offsets stored in the database for the group, per topic partition. */
    Map<TopicPartition, Long> storedOffsets() {
        Map<TopicPartition, Long> stored = new java.util.HashMap<>();
        db().select(
                        CONSUMER_OFFSET.TOPIC,
                        CONSUMER_OFFSET.KAFKA_PARTITION,
                        CONSUMER_OFFSET.NEXT_OFFSET)
                .from(CONSUMER_OFFSET)
                .where(CONSUMER_OFFSET.CONSUMER_GROUP.eq(group))
                .forEach(
                        row ->
                                stored.put(
                                        new TopicPartition(row.value1(), row.value2()),
                                        row.value3()));
        return stored;
    }

    /** The group's committed offsets in Kafka, per topic partition. */
    Map<TopicPartition, Long> committedInKafka(Admin admin) throws Exception {
        Map<TopicPartition, Long> committed = new java.util.HashMap<>();
        admin.listConsumerGroupOffsets(group)
                .partitionsToOffsetAndMetadata()
                .get(10, TimeUnit.SECONDS)
                .forEach(
                        (partition, offset) -> {
                            if (offset != null) {
                                committed.put(partition, offset.offset());
                            }
                        });
        return committed;
    }

    Admin admin() {
        return Admin.create(
                Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()));
    }

    /**
     * A bare member of the group, which takes partitions from the worker until it is closed: a
     * rebalance on demand. It never commits.
     */
    org.apache.kafka.clients.consumer.KafkaConsumer<String, byte[]> joinGroup() {
        org.apache.kafka.clients.consumer.KafkaConsumer<String, byte[]> member =
                new org.apache.kafka.clients.consumer.KafkaConsumer<>(
                        Map.of(
                                org.apache.kafka.clients.consumer.ConsumerConfig
                                        .BOOTSTRAP_SERVERS_CONFIG,
                                kafka.bootstrapServers(),
                                org.apache.kafka.clients.consumer.ConsumerConfig.GROUP_ID_CONFIG,
                                group,
                                org.apache.kafka.clients.consumer.ConsumerConfig
                                        .ENABLE_AUTO_COMMIT_CONFIG,
                                false,
                                org.apache.kafka.clients.consumer.ConsumerConfig
                                        .PARTITION_ASSIGNMENT_STRATEGY_CONFIG,
                                org.apache.kafka.clients.consumer.CooperativeStickyAssignor.class
                                        .getName()),
                        new org.apache.kafka.common.serialization.StringDeserializer(),
                        new org.apache.kafka.common.serialization.ByteArrayDeserializer());
        member.subscribe(List.of(sessionsTopic, tasksTopic));
        return member;
    }

    /** The group's committed offset in Kafka for a partition; -1 when there is none. */
    long committedInKafka(String topic, int partition) throws Exception {
        try (Admin admin =
                Admin.create(
                        Map.of(
                                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                                kafka.bootstrapServers()))) {
            OffsetAndMetadata committed =
                    admin.listConsumerGroupOffsets(group)
                            .partitionsToOffsetAndMetadata()
                            .get(10, TimeUnit.SECONDS)
                            .get(new TopicPartition(topic, partition));
            return committed == null ? -1 : committed.offset();
        }
    }

    Map<Integer, Long> endOffsets(String topic) {
        return kafka.endOffsets(topic);
    }

    List<ConsumerRecord<String, byte[]>> deadLetters() {
        return kafka.readAll(deadLetterTopic);
    }

    /** A producer with a transactional id of its own; the caller closes it. */
    KafkaProducer<String, byte[]> transactionalProducer() {
        return new KafkaProducer<>(
                Map.of(
                        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        kafka.bootstrapServers(),
                        ProducerConfig.TRANSACTIONAL_ID_CONFIG,
                        "tx-" + UUID.randomUUID()),
                new StringSerializer(),
                new ByteArraySerializer());
    }

    private KafkaProducer<String, byte[]> producer() {
        if (producer == null) {
            producer =
                    new KafkaProducer<>(
                            Map.of(
                                    ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                                    kafka.bootstrapServers(),
                                    ProducerConfig.ACKS_CONFIG,
                                    "all"),
                            new StringSerializer(),
                            new ByteArraySerializer());
        }
        return producer;
    }

    @Override
    public void close() {
        if (producer != null) {
            producer.close();
        }
    }
}
