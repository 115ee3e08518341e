package com.translation.pipeline.reliability;

import com.translation.pipeline.reliability.RecordRef.Kind;
import com.translation.pipeline.schema.event.EventCodec;
import com.translation.pipeline.schema.event.EventEnvelope;
import com.translation.pipeline.schema.event.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * A service producing straight to Kafka, as the contract allows: the same envelopes, acks=all and
 * idempotence. A version is acknowledged when the broker acknowledged it; a failed send is
 * indeterminate. It also injects poison records: values no valid event has.
 */
final class DirectSender implements Sender {

    /** Three kinds of poison: not JSON, an unknown schema version, a session without status. */
    private static final List<String> POISON =
            List.of(
                    "this is not JSON",
                    "{\"schema_version\":99,\"event_id\":\"00000000-0000-0000-0000-000000000000\","
                        + "\"type\":\"session.upserted\",\"occurred_at\":\"2026-01-01T00:00:00Z\","
                        + "\"data\":{\"session_id\":\"%s\",\"status\":\"running\","
                        + "\"created_at\":\"2026-01-01T00:00:00Z\","
                        + "\"updated_at\":\"2026-01-01T00:00:00Z\"}}",
                    "{\"schema_version\":1,\"event_id\":\"00000000-0000-0000-0000-000000000001\","
                        + "\"type\":\"session.upserted\",\"occurred_at\":\"2026-01-01T00:00:00Z\","
                        + "\"data\":{\"session_id\":\"%s\",\"created_at\":\"2026-01-01T00:00:00Z\","
                        + "\"updated_at\":\"2026-01-01T00:00:00Z\"}}");

    private final KafkaProducer<String, byte[]> producer;
    private final Ledger ledger;

    DirectSender(String bootstrapServers, Ledger ledger) {
        this.producer =
                new KafkaProducer<>(
                        Map.of(
                                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                                ProducerConfig.ACKS_CONFIG, "all",
                                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                                ProducerConfig.LINGER_MS_CONFIG, 5,
                                ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000,
                                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 30_000,
                                ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000),
                        new StringSerializer(),
                        new ByteArraySerializer());
        this.ledger = ledger;
    }

    @Override
    public void send(List<Version> chunk) {
        for (Version version : chunk) {
            ledger.sending(version);
            String topic = version.ref().kind() == Kind.SESSION ? Topics.SESSIONS : Topics.TASKS;
            byte[] value = EventCodec.encode(EventEnvelope.wrap(version.data(), Instant.now()));
            try {
                producer.send(
                        new ProducerRecord<>(topic, version.ref().sessionId(), value),
                        (metadata, failure) -> {
                            if (failure == null) {
                                ledger.acknowledged(version);
                            } else {
                                ledger.indeterminate(version);
                            }
                        });
            } catch (RuntimeException e) {
                ledger.indeterminate(version);
            }
        }
    }

    /** Sends poison record {@code n} (of three kinds in turn) under the key {@code key}. */
    Future<RecordMetadata> poison(String key, int n) {
        byte[] value =
                String.format(POISON.get(n % POISON.size()), key).getBytes(StandardCharsets.UTF_8);
        String topic = n % 2 == 0 ? Topics.SESSIONS : Topics.TASKS;
        return producer.send(
                new ProducerRecord<>(topic, key, value),
                (metadata, failure) -> {
                    if (failure == null) {
                        ledger.poisonAcknowledged(key);
                    } else {
                        ledger.poisonSendFailed();
                    }
                });
    }

    @Override
    public void close() {
        producer.flush();
        producer.close();
    }
}
