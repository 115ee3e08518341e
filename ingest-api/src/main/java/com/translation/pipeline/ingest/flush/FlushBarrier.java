package com.translation.pipeline.ingest.flush;

import com.translation.pipeline.ingest.IngestProperties;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListConsumerGroupOffsetsOptions;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.springframework.stereotype.Component;

/**
 * Read-your-writes barrier: captures the end offsets of the session and task topics at the call,
 * then waits until the writer group's committed offsets reach them. It looks at the topics, not at
 * this process, so it covers events from direct Kafka producers too.
 */
@Component
class FlushBarrier {

    static final Duration POLL_INTERVAL = Duration.ofMillis(100);
    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(3);

    private final Admin admin;
    private final IngestProperties properties;

    FlushBarrier(Admin admin, IngestProperties properties) {
        this.admin = admin;
        this.properties = properties;
    }

    /** The outcome of a flush: how long it waited and how many events were still not applied. */
    record Result(boolean complete, long waitedMs, long pending) {}

    Result await(Duration timeout) throws KafkaUnreachableException {
        long start = System.nanoTime();
        long deadline = start + timeout.toNanos();
        Map<TopicPartition, Long> targets = offsets(partitions(), OffsetSpec.latest());
        Map<TopicPartition, Long> floors = offsets(targets.keySet(), OffsetSpec.earliest());
        while (true) {
            long pending = pending(targets, floors);
            long waitedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            if (pending == 0) {
                return new Result(true, waitedMs, 0);
            }
            if (System.nanoTime() + POLL_INTERVAL.toNanos() > deadline) {
                return new Result(false, waitedMs, pending);
            }
            sleep();
        }
    }

    private long pending(Map<TopicPartition, Long> targets, Map<TopicPartition, Long> floors)
            throws KafkaUnreachableException {
        Map<TopicPartition, OffsetAndMetadata> committed =
                call(
                        admin.listConsumerGroupOffsets(
                                        properties.writerGroup(),
                                        new ListConsumerGroupOffsetsOptions()
                                                .timeoutMs((int) CALL_TIMEOUT.toMillis()))
                                .partitionsToOffsetAndMetadata());
        long pending = 0;
        for (Map.Entry<TopicPartition, Long> target : targets.entrySet()) {
            OffsetAndMetadata position = committed.get(target.getKey());
            long applied =
                    position != null ? position.offset() : floors.getOrDefault(target.getKey(), 0L);
            pending += Math.max(0, target.getValue() - applied);
        }
        return pending;
    }

    private List<TopicPartition> partitions() throws KafkaUnreachableException {
        List<String> topics = List.of(properties.sessionsTopic(), properties.tasksTopic());
        Map<String, TopicDescription> descriptions =
                call(admin.describeTopics(topics).allTopicNames());
        return descriptions.values().stream()
                .flatMap(
                        description ->
                                description.partitions().stream()
                                        .map(
                                                p ->
                                                        new TopicPartition(
                                                                description.name(), p.partition())))
                .toList();
    }

    private Map<TopicPartition, Long> offsets(
            java.util.Collection<TopicPartition> partitions, OffsetSpec spec)
            throws KafkaUnreachableException {
        Map<TopicPartition, OffsetSpec> request =
                partitions.stream().collect(Collectors.toMap(Function.identity(), p -> spec));
        var answer =
                call(
                        admin.listOffsets(
                                        request,
                                        new ListOffsetsOptions()
                                                .timeoutMs((int) CALL_TIMEOUT.toMillis()))
                                .all());
        Map<TopicPartition, Long> offsets = new HashMap<>();
        answer.forEach((partition, info) -> offsets.put(partition, info.offset()));
        return offsets;
    }

    private static <T> T call(org.apache.kafka.common.KafkaFuture<T> future)
            throws KafkaUnreachableException {
        try {
            return future.get(CALL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new KafkaUnreachableException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KafkaUnreachableException(e);
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(POLL_INTERVAL.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
