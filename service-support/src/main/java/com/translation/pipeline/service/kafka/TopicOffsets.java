package com.translation.pipeline.service.kafka;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeTopicsOptions;
import org.apache.kafka.clients.admin.ListConsumerGroupOffsetsOptions;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicPartition;

/**
 * Offsets of topics and consumer groups through the Admin API, each public call bounded as a whole
 * by one timeout (not each of the Admin requests it makes) instead of the client's 60 s default; a
 * call that fails or times out throws {@link KafkaUnavailableException}.
 */
public final class TopicOffsets {

    private final Admin admin;
    private final Duration timeout;

    public TopicOffsets(Admin admin, Duration timeout) {
        this.admin = admin;
        this.timeout = timeout;
    }

    /** The end offset of every partition of these topics; topics that do not exist are left out. */
    public Map<TopicPartition, Long> latest(Collection<String> topics) {
        long deadline = System.nanoTime() + timeout.toNanos();
        return offsets(partitions(topics, deadline), OffsetSpec.latest(), deadline);
    }

    /** The first offset still in the log of each partition. */
    public Map<TopicPartition, Long> earliest(Collection<TopicPartition> partitions) {
        return offsets(partitions, OffsetSpec.earliest(), System.nanoTime() + timeout.toNanos());
    }

    /** The offsets a consumer group has committed. */
    public Map<TopicPartition, Long> committed(String group) {
        long deadline = System.nanoTime() + timeout.toNanos();
        Map<TopicPartition, OffsetAndMetadata> committed =
                call(
                        admin.listConsumerGroupOffsets(
                                        group,
                                        new ListConsumerGroupOffsetsOptions()
                                                .timeoutMs(remainingMs(deadline)))
                                .partitionsToOffsetAndMetadata(),
                        deadline);
        Map<TopicPartition, Long> offsets = new HashMap<>();
        committed.forEach(
                (partition, offset) -> {
                    if (offset != null) {
                        offsets.put(partition, offset.offset());
                    }
                });
        return offsets;
    }

    private List<TopicPartition> partitions(Collection<String> topics, long deadline) {
        Map<String, KafkaFuture<TopicDescription>> described =
                admin.describeTopics(
                                topics,
                                new DescribeTopicsOptions().timeoutMs(remainingMs(deadline)))
                        .topicNameValues();
        List<TopicPartition> partitions = new java.util.ArrayList<>();
        for (Map.Entry<String, KafkaFuture<TopicDescription>> topic : described.entrySet()) {
            TopicDescription description;
            try {
                description = topic.getValue().get(remainingMs(deadline), TimeUnit.MILLISECONDS);
            } catch (ExecutionException e) {
                if (e.getCause()
                        instanceof
                        org.apache.kafka.common.errors.UnknownTopicOrPartitionException) {
                    continue;
                }
                throw new KafkaUnavailableException(e);
            } catch (TimeoutException e) {
                throw new KafkaUnavailableException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new KafkaUnavailableException(e);
            }
            description
                    .partitions()
                    .forEach(
                            p -> partitions.add(new TopicPartition(topic.getKey(), p.partition())));
        }
        return partitions;
    }

    private Map<TopicPartition, Long> offsets(
            Collection<TopicPartition> partitions, OffsetSpec spec, long deadline) {
        if (partitions.isEmpty()) {
            return Map.of();
        }
        Map<TopicPartition, OffsetSpec> request =
                partitions.stream().collect(Collectors.toMap(Function.identity(), p -> spec));
        Map<TopicPartition, Long> offsets = new HashMap<>();
        call(
                        admin.listOffsets(
                                        request,
                                        new ListOffsetsOptions().timeoutMs(remainingMs(deadline)))
                                .all(),
                        deadline)
                .forEach((partition, info) -> offsets.put(partition, info.offset()));
        return offsets;
    }

    /** Milliseconds left until {@code deadline} ({@link System#nanoTime()}), at least 1. */
    private static int remainingMs(long deadline) {
        return (int) Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime()));
    }

    private static <T> T call(KafkaFuture<T> future, long deadline) {
        try {
            return future.get(remainingMs(deadline), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new KafkaUnavailableException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KafkaUnavailableException(e);
        }
    }
}
