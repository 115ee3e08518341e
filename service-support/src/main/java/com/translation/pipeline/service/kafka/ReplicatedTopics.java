package com.translation.pipeline.service.kafka;

import org.apache.kafka.common.config.TopicConfig;
import org.springframework.kafka.config.TopicBuilder;

/**
 * How the services describe a topic they create at start when it is missing: its partitions, its
 * replication factor and its {@code min.insync.replicas}, each left to the broker's default ({@code
 * default.replication.factor}, {@code min.insync.replicas}) when not given. docs/operations.md
 * gives the values for a production cluster: 3 replicas, 2 in sync.
 */
public final class ReplicatedTopics {

    private ReplicatedTopics() {}

    /**
     * A builder for topic {@code name} with {@code partitions} partitions, {@code
     * replicationFactor} replicas and {@code min.insync.replicas} = {@code minInsyncReplicas}; a
     * {@code null} count is the broker's default.
     *
     * @throws IllegalArgumentException when both counts are given and more replicas must be in sync
     *     than there are: no write could ever be acknowledged
     */
    public static TopicBuilder builder(
            String name, int partitions, Integer replicationFactor, Integer minInsyncReplicas) {
        if (replicationFactor != null
                && minInsyncReplicas != null
                && minInsyncReplicas > replicationFactor) {
            throw new IllegalArgumentException(
                    "topic "
                            + name
                            + ": min.insync.replicas "
                            + minInsyncReplicas
                            + " exceeds its replication factor "
                            + replicationFactor);
        }
        TopicBuilder builder = TopicBuilder.name(name).partitions(partitions);
        if (replicationFactor != null) {
            builder.replicas(replicationFactor);
        }
        if (minInsyncReplicas != null) {
            builder.config(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG, minInsyncReplicas.toString());
        }
        return builder;
    }
}
