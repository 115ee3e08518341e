package com.translation.pipeline.schema.event;

import static org.assertj.core.api.Assertions.assertThat;

import com.translation.pipeline.testsupport.KafkaTestBroker;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/**
 * Envelopes as a direct producer writes them, through a real broker, back through the validator.
 */
class EventKafkaRoundTripIT {

    private final KafkaTestBroker broker = KafkaTestBroker.instance();
    private final EventValidator validator = EventValidator.create();

    @Test
    void envelopesProducedWithAcksAllArriveKeyedBySessionAndValidateUnchanged() throws Exception {
        String topic = KafkaTestBroker.uniqueTopic(Topics.TASKS);
        broker.createTopics(3, topic);
        List<EventEnvelope> sent = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            TaskData task =
                    validator
                            .validateTask(
                                    Items.with(
                                            Items.task(),
                                            t -> {
                                                t.put("task_id", "task-" + UUID.randomUUID());
                                                t.put("session_id", "sess-" + (sent.size() % 4));
                                            }))
                            .value();
            sent.add(EventEnvelope.wrap(task, Instant.now()));
        }

        try (KafkaProducer<String, byte[]> producer = producer()) {
            for (EventEnvelope envelope : sent) {
                RecordMetadata metadata =
                        producer.send(
                                        new ProducerRecord<>(
                                                topic, envelope.key(), EventCodec.encode(envelope)))
                                .get();
                assertThat(metadata.hasOffset()).isTrue();
            }
        }

        List<ConsumerRecord<String, byte[]>> received = consumeAll(topic, sent.size());
        assertThat(received).hasSize(sent.size());
        for (ConsumerRecord<String, byte[]> record : received) {
            Validation<EventEnvelope> decoded = validator.validateEnvelope(record.value());
            assertThat(decoded.errors()).isEmpty();
            assertThat(record.key()).isEqualTo(decoded.value().data().sessionId());
        }
        assertThat(received.stream().map(r -> validator.validateEnvelope(r.value()).value()))
                .containsExactlyInAnyOrderElementsOf(sent);
        // Same key, same partition: a session's events stay in order.
        Map<String, List<Integer>> partitionsByKey = new HashMap<>();
        received.forEach(
                r ->
                        partitionsByKey
                                .computeIfAbsent(r.key(), k -> new ArrayList<>())
                                .add(r.partition()));
        partitionsByKey
                .values()
                .forEach(partitions -> assertThat(partitions).containsOnly(partitions.get(0)));
    }

    private KafkaProducer<String, byte[]> producer() {
        return new KafkaProducer<>(
                Map.of(
                        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        broker.bootstrapServers(),
                        ProducerConfig.ACKS_CONFIG,
                        "all",
                        ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG,
                        true),
                new StringSerializer(),
                new ByteArraySerializer());
    }

    private List<ConsumerRecord<String, byte[]>> consumeAll(String topic, int expected) {
        List<ConsumerRecord<String, byte[]>> received = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer =
                new KafkaConsumer<>(
                        Map.of(
                                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                                broker.bootstrapServers(),
                                ConsumerConfig.GROUP_ID_CONFIG,
                                "round-trip-" + UUID.randomUUID(),
                                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                                "earliest"),
                        new StringDeserializer(),
                        new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(topic));
            Instant deadline = Instant.now().plusSeconds(30);
            while (received.size() < expected && Instant.now().isBefore(deadline)) {
                consumer.poll(Duration.ofMillis(200)).forEach(received::add);
            }
        }
        return received;
    }
}
