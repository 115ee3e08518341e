package com.translation.pipeline.worker.replay;

import com.translation.pipeline.schema.event.DeadLetterHeaders;
import com.translation.pipeline.schema.event.EventValidator;
import com.translation.pipeline.schema.event.Validation;
import com.translation.pipeline.service.web.InvalidFieldException;
import com.translation.pipeline.worker.WorkerProperties;
import com.translation.pipeline.worker.replay.DeadLetterResolutions.Letter;
import com.translation.pipeline.worker.replay.DeadLetterResolutions.Resolution;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.springframework.core.env.Environment;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.core.KafkaOperations;
import org.springframework.stereotype.Component;

/**
 * Reads the dead-letter topic for operators: lists the dead letters not yet dealt with, with their
 * reasons; replays to their original topic those that the contract accepts now (after a fix of the
 * contract or of a producer's data), dry run first; discards those an operator gives up on.
 *
 * <p>A dead letter stays listed until it is replayed successfully or discarded: both are recorded
 * ({@link DeadLetterResolutions}), and the replay group's committed position on the dead-letter
 * topic moves only past letters dealt with, so the next read starts at the first one still open.
 * Replaying a record that was applied meanwhile is harmless: an equal or older version changes
 * nothing.
 */
@Component
class DeadLetterReplayer {

    static final String REPLAY_GROUP_SUFFIX = "-dead-letter-replay";
    private static final Duration POLL = Duration.ofMillis(200);
    private static final Duration READ_TIMEOUT = Duration.ofSeconds(30);
    private static final int WATERMARK_SCAN_LIMIT = 100_000;

    private final ConsumerFactory<String, byte[]> consumers;
    private final KafkaOperations<String, byte[]> kafka;
    private final EventValidator validator;
    private final DeadLetterResolutions resolutions;
    private final String topic;
    private final String replayGroup;
    private final Clock clock;

    DeadLetterReplayer(
            ConsumerFactory<String, byte[]> consumers,
            KafkaOperations<String, byte[]> kafka,
            EventValidator validator,
            DeadLetterResolutions resolutions,
            WorkerProperties properties,
            Environment environment,
            Clock clock) {
        this.consumers = consumers;
        this.kafka = kafka;
        this.validator = validator;
        this.resolutions = resolutions;
        this.topic = properties.deadLetterTopic();
        this.replayGroup =
                environment.getRequiredProperty("spring.kafka.consumer.group-id")
                        + REPLAY_GROUP_SUFFIX;
        this.clock = clock;
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

    record Discarded(int discarded) {}

    /** The dead letters not dealt with yet, oldest first per partition, at most {@code limit}. */
    List<DeadLetter> list(int limit) {
        try (Consumer<String, byte[]> consumer = consumer()) {
            List<DeadLetter> letters = new ArrayList<>();
            scan(
                    consumer,
                    resolutions.resolved(replayGroup, topic),
                    limit,
                    record -> {
                        letters.add(describe(record));
                        return false;
                    });
            return letters;
        }
    }

    /**
     * Sends the open dead letters that are valid now, at most {@code limit} read, back to their
     * original topic; the others stay open.
     *
     * @throws IllegalStateException when Kafka does not acknowledge a replayed record; those sent
     *     before it are recorded
     */
    Replay replay(boolean dryRun, int limit) {
        try (Consumer<String, byte[]> consumer = consumer()) {
            Tally tally = new Tally();
            List<Letter> replayed = new ArrayList<>();
            Map<TopicPartition, Long> watermarks;
            try {
                watermarks =
                        scan(
                                consumer,
                                resolutions.resolved(replayGroup, topic),
                                limit,
                                record -> {
                                    DeadLetter letter = describe(record);
                                    if (!letter.validNow() || letter.originalTopic() == null) {
                                        tally.invalid(letter);
                                        return false;
                                    }
                                    tally.replayed++;
                                    if (dryRun) {
                                        return false;
                                    }
                                    send(letter.originalTopic(), record);
                                    replayed.add(new Letter(record.partition(), record.offset()));
                                    return true;
                                });
            } finally {
                resolutions.record(replayGroup, topic, replayed, Resolution.REPLAYED, now());
            }
            if (!dryRun) {
                commit(consumer, watermarks);
            }
            return new Replay(
                    dryRun,
                    tally.replayed + tally.invalid,
                    tally.replayed,
                    tally.invalid,
                    tally.sample);
        }
    }

    /**
     * Marks dead letters as given up on: they are no longer listed nor replayed.
     *
     * @throws InvalidFieldException naming the first letter that is not on the dead-letter topic (a
     *     position not written yet would otherwise hide the letter written there later)
     */
    Discarded discard(List<Letter> letters) {
        try (Consumer<String, byte[]> consumer = consumer()) {
            checkExist(consumer, letters);
            int discarded =
                    resolutions.record(replayGroup, topic, letters, Resolution.DISCARDED, now());
            commit(
                    consumer,
                    scan(
                            consumer,
                            resolutions.resolved(replayGroup, topic),
                            WATERMARK_SCAN_LIMIT,
                            record -> false));
            return new Discarded(discarded);
        }
    }

    /** The dead-letter topic's partitions. */
    private List<TopicPartition> partitions(Consumer<String, byte[]> consumer) {
        return consumer.partitionsFor(topic, READ_TIMEOUT).stream()
                .map(info -> new TopicPartition(info.topic(), info.partition()))
                .toList();
    }

    private void checkExist(Consumer<String, byte[]> consumer, List<Letter> letters) {
        List<TopicPartition> partitions = partitions(consumer);
        Map<TopicPartition, Long> starts = consumer.beginningOffsets(partitions, READ_TIMEOUT);
        Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, READ_TIMEOUT);
        for (int i = 0; i < letters.size(); i++) {
            Letter letter = letters.get(i);
            TopicPartition partition = new TopicPartition(topic, letter.partition());
            Long start = starts.get(partition);
            Long end = ends.get(partition);
            if (start == null || letter.offset() < start || letter.offset() >= end) {
                throw new InvalidFieldException(
                        "letters[" + i + "]",
                        "no dead letter at partition "
                                + letter.partition()
                                + ", offset "
                                + letter.offset()
                                + " of "
                                + topic);
            }
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

    private void send(String originalTopic, ConsumerRecord<String, byte[]> record) {
        try {
            kafka.send(originalTopic, record.key(), record.value())
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

    /**
     * Reads from the replay group's position (or the beginning) to the end offsets taken now,
     * skipping letters already dealt with, and hands each open one, at most {@code limit}, to
     * {@code each}, which tells whether it is dealt with now.
     *
     * @return per partition, where the replay group's position may move: the first letter still
     *     open, or how far the read got
     */
    private Map<TopicPartition, Long> scan(
            Consumer<String, byte[]> consumer,
            Set<Letter> resolved,
            int limit,
            Predicate<ConsumerRecord<String, byte[]>> each) {
        List<TopicPartition> partitions = partitions(consumer);
        consumer.assign(partitions);
        Map<TopicPartition, OffsetAndMetadata> committed =
                consumer.committed(new HashSet<>(partitions), READ_TIMEOUT);
        for (TopicPartition partition : partitions) {
            OffsetAndMetadata at = committed.get(partition);
            if (at == null) {
                consumer.seekToBeginning(List.of(partition));
            } else {
                consumer.seek(partition, at.offset());
            }
        }
        Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, READ_TIMEOUT);
        Map<TopicPartition, Long> firstOpen = new HashMap<>();
        int seen = 0;
        long deadline = System.nanoTime() + READ_TIMEOUT.toNanos();
        while (seen < limit && !reached(consumer, ends) && System.nanoTime() < deadline) {
            for (ConsumerRecord<String, byte[]> record : consumer.poll(POLL)) {
                TopicPartition partition = new TopicPartition(record.topic(), record.partition());
                if (record.offset() >= ends.get(partition)
                        || resolved.contains(new Letter(record.partition(), record.offset()))) {
                    continue;
                }
                if (seen >= limit || !each.test(record)) {
                    firstOpen.putIfAbsent(partition, record.offset());
                }
                seen++;
            }
        }
        Map<TopicPartition, Long> watermarks = new HashMap<>();
        for (TopicPartition partition : partitions) {
            long readTo = Math.min(consumer.position(partition), ends.get(partition));
            watermarks.put(partition, Math.min(readTo, firstOpen.getOrDefault(partition, readTo)));
        }
        return watermarks;
    }

    /** Moves the replay group's position forward to the watermarks and purges what is below. */
    private void commit(Consumer<String, byte[]> consumer, Map<TopicPartition, Long> watermarks) {
        Map<TopicPartition, OffsetAndMetadata> committed =
                consumer.committed(watermarks.keySet(), READ_TIMEOUT);
        Map<TopicPartition, OffsetAndMetadata> forward = new HashMap<>();
        watermarks.forEach(
                (partition, offset) -> {
                    OffsetAndMetadata at = committed.get(partition);
                    if (at == null || at.offset() < offset) {
                        forward.put(partition, new OffsetAndMetadata(offset));
                    }
                });
        if (!forward.isEmpty()) {
            consumer.commitSync(forward, READ_TIMEOUT);
        }
        resolutions.purgeBelow(replayGroup, watermarks);
    }

    private static boolean reached(
            Consumer<String, byte[]> consumer, Map<TopicPartition, Long> ends) {
        return ends.entrySet().stream()
                .allMatch(end -> consumer.position(end.getKey()) >= end.getValue());
    }

    private DeadLetter describe(ConsumerRecord<String, byte[]> record) {
        Validation<?> now = validator.validateEnvelope(record.value());
        Long originalPartition = number(record, DeadLetterHeaders.ORIGINAL_PARTITION);
        return new DeadLetter(
                record.partition(),
                record.offset(),
                text(record, DeadLetterHeaders.ORIGINAL_TOPIC),
                originalPartition == null ? null : originalPartition.intValue(),
                number(record, DeadLetterHeaders.ORIGINAL_OFFSET),
                text(record, DeadLetterHeaders.REASON),
                text(record, DeadLetterHeaders.DEAD_LETTERED_AT),
                record.key(),
                record.value() == null ? null : new String(record.value(), StandardCharsets.UTF_8),
                now.isValid());
    }

    private LocalDateTime now() {
        return LocalDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
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
        return switch (header.value().length) {
            case Integer.BYTES -> (long) bytes.getInt();
            case Long.BYTES -> bytes.getLong();
            default -> null;
        };
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
