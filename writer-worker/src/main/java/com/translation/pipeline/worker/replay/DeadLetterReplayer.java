package com.translation.pipeline.worker.replay;

import com.translation.pipeline.schema.event.DeadLetterHeaders;
import com.translation.pipeline.schema.event.EventValidator;
import com.translation.pipeline.schema.event.Validation;
import com.translation.pipeline.worker.WorkerProperties;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.core.KafkaOperations;
import org.springframework.stereotype.Component;

/**
 * Reads the dead-letter topic: lists the dead letters with their reasons, and replays to their
 * original topic those that the contract accepts now (after a fix of the contract or of a
 * producer's data), dry run first. A real replay commits its position in its own consumer group, so
 * the next one starts after it; what is still invalid stays where it is. Replaying a record that
 * was applied meanwhile is harmless: an equal or older version changes nothing.
 */
@Component
class DeadLetterReplayer {

    static final String REPLAY_GROUP_SUFFIX = "-dead-letter-replay";
    private static final Duration POLL = Duration.ofMillis(200);
    private static final Duration READ_TIMEOUT = Duration.ofSeconds(30);

    private final ConsumerFactory<String, byte[]> consumers;
    private final KafkaOperations<String, byte[]> kafka;
    private final EventValidator validator;
    private final WorkerProperties properties;
    private final String replayGroup;

    DeadLetterReplayer(
            ConsumerFactory<String, byte[]> consumers,
            KafkaOperations<String, byte[]> kafka,
            EventValidator validator,
            WorkerProperties properties,
            org.springframework.core.env.Environment environment) {
        this.consumers = consumers;
        this.kafka = kafka;
        this.validator = validator;
        this.properties = properties;
        this.replayGroup =
                environment.getRequiredProperty("spring.kafka.consumer.group-id")
                        + REPLAY_GROUP_SUFFIX;
    }

    record DeadLetter(
            int partition,
            long offset,
            String originalTopic,
            Integer originalPartition,
            Long originalOffset,
            String reason,
            String deadLetteredAt,
            String key,
            String value,
            boolean validNow) {}

    record Replay(
            boolean dryRun,
            int read,
            int replayed,
            int stillInvalid,
            List<DeadLetter> stillInvalidSample) {}

    /** The dead letters after the last replay, oldest first, at most {@code limit}. */
    List<DeadLetter> list(int limit) {
        try (Consumer<String, byte[]> consumer = consumer()) {
            List<DeadLetter> letters = new ArrayList<>();
            read(consumer, record -> letters.add(describe(record)), limit);
            return letters;
        }
    }

    Replay replay(boolean dryRun, int limit) {
        try (Consumer<String, byte[]> consumer = consumer()) {
            Tally tally = new Tally();
            Map<TopicPartition, OffsetAndMetadata> position = new HashMap<>();
            read(
                    consumer,
                    record -> {
                        DeadLetter letter = describe(record);
                        if (letter.validNow() && letter.originalTopic() != null) {
                            if (!dryRun) {
                                send(letter.originalTopic(), record);
                            }
                            tally.replayed++;
                        } else {
                            tally.invalid(letter);
                        }
                        position.put(
                                new TopicPartition(record.topic(), record.partition()),
                                new OffsetAndMetadata(record.offset() + 1));
                    },
                    limit);
            if (!dryRun && !position.isEmpty()) {
                consumer.commitSync(position, READ_TIMEOUT);
            }
            return new Replay(
                    dryRun,
                    tally.replayed + tally.invalid,
                    tally.replayed,
                    tally.invalid,
                    tally.sample);
        }
    }

    private static final class Tally {
        private int replayed;
        private int invalid;
        private final List<DeadLetter> sample = new ArrayList<>();

        void invalid(DeadLetter letter) {
            invalid++;
            if (sample.size() < 20) {
                sample.add(letter);
            }
        }
    }

    private void send(String topic, ConsumerRecord<String, byte[]> record) {
        try {
            kafka.send(topic, record.key(), record.value())
                    .get(READ_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException(
                    "Kafka did not acknowledge a replayed record; nothing after it was replayed",
                    e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** From the replay group's position (or the beginning) to the end offsets taken now. */
    private void read(
            Consumer<String, byte[]> consumer,
            java.util.function.Consumer<ConsumerRecord<String, byte[]>> each,
            int limit) {
        List<TopicPartition> partitions =
                consumer.partitionsFor(properties.deadLetterTopic(), READ_TIMEOUT).stream()
                        .map(info -> new TopicPartition(info.topic(), info.partition()))
                        .toList();
        consumer.assign(partitions);
        Map<TopicPartition, OffsetAndMetadata> committed =
                consumer.committed(new java.util.HashSet<>(partitions), READ_TIMEOUT);
        for (TopicPartition partition : partitions) {
            OffsetAndMetadata at = committed.get(partition);
            if (at == null) {
                consumer.seekToBeginning(List.of(partition));
            } else {
                consumer.seek(partition, at.offset());
            }
        }
        Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, READ_TIMEOUT);
        int seen = 0;
        long deadline = System.nanoTime() + READ_TIMEOUT.toNanos();
        while (seen < limit && !reached(consumer, ends) && System.nanoTime() < deadline) {
            for (ConsumerRecord<String, byte[]> record : consumer.poll(POLL)) {
                if (seen < limit
                        && record.offset()
                                < ends.get(
                                        new TopicPartition(record.topic(), record.partition()))) {
                    each.accept(record);
                    seen++;
                }
            }
        }
    }

    private static boolean reached(
            Consumer<String, byte[]> consumer, Map<TopicPartition, Long> ends) {
        return ends.entrySet().stream()
                .allMatch(end -> consumer.position(end.getKey()) >= end.getValue());
    }

    private DeadLetter describe(ConsumerRecord<String, byte[]> record) {
        Validation<?> now = validator.validateEnvelope(record.value());
        return new DeadLetter(
                record.partition(),
                record.offset(),
                text(record, DeadLetterHeaders.ORIGINAL_TOPIC),
                number(record, DeadLetterHeaders.ORIGINAL_PARTITION) == null
                        ? null
                        : number(record, DeadLetterHeaders.ORIGINAL_PARTITION).intValue(),
                number(record, DeadLetterHeaders.ORIGINAL_OFFSET),
                text(record, DeadLetterHeaders.REASON),
                text(record, DeadLetterHeaders.DEAD_LETTERED_AT),
                record.key(),
                record.value() == null ? null : new String(record.value(), StandardCharsets.UTF_8),
                now.isValid());
    }

    private static String text(ConsumerRecord<String, byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static Long number(ConsumerRecord<String, byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        if (header == null) {
            return null;
        }
        ByteBuffer bytes = ByteBuffer.wrap(header.value());
        return header.value().length == Integer.BYTES ? (long) bytes.getInt() : bytes.getLong();
    }

    private Consumer<String, byte[]> consumer() {
        Map<String, Object> config = new HashMap<>(consumers.getConfigurationProperties());
        config.put(ConsumerConfig.GROUP_ID_CONFIG, replayGroup);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        return new DefaultKafkaConsumerFactory<>(
                        config, new StringDeserializer(), new ByteArrayDeserializer())
                .createConsumer();
    }
}
