package com.translation.pipeline.service.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.junit.jupiter.api.Test;

class ReplicatedTopicsTest {

    @Test
    void givenCountsAreSetOnTheTopic() {
        NewTopic topic = ReplicatedTopics.builder("t", 6, 3, 2).build();

        assertThat(topic.numPartitions()).isEqualTo(6);
        assertThat(topic.replicationFactor()).isEqualTo((short) 3);
        assertThat(topic.configs()).containsEntry(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG, "2");
    }

    @Test
    void countsNotGivenAreLeftToTheBrokersDefaults() {
        NewTopic topic = ReplicatedTopics.builder("t", 6, null, null).build();

        // -1: Kafka's "use default.replication.factor" in a CreateTopics request.
        assertThat(topic.replicationFactor()).isEqualTo((short) -1);
        assertThat(topic.configs()).as("no topic-level settings").isNullOrEmpty();
    }

    @Test
    void moreReplicasInSyncThanThereAreIsRefused() {
        assertThatThrownBy(() -> ReplicatedTopics.builder("t", 6, 1, 2))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("min.insync.replicas 2 exceeds its replication factor 1");
    }
}
