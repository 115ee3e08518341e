package com.translation.pipeline.reliability;

import com.translation.pipeline.schema.event.Topics;
import com.translation.pipeline.testsupport.PipelineProcesses;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.config.ConfigResource;
import org.awaitility.Awaitility;

/** What a Kafka cluster's Admin API says of the pipeline's topics: leaders, replicas, settings. */
final class ClusterProbes {

    /** The two event topics, whose leaders the cluster scenarios take down. */
    static final List<String> EVENT_TOPICS = List.of(Topics.SESSIONS, Topics.TASKS);

    private ClusterProbes() {}

    /** The topics' descriptions, by name. */
    static Map<String, TopicDescription> describe(
            PipelineProcesses pipeline, Collection<String> topics) throws Exception {
        try (Admin admin = admin(pipeline)) {
            return admin.describeTopics(topics).allTopicNames().get(10, TimeUnit.SECONDS);
        }
    }

    /** The topic's settings as the broker applies them (its own or the broker's defaults). */
    static Map<String, String> config(PipelineProcesses pipeline, String topic) throws Exception {
        ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
        try (Admin admin = admin(pipeline)) {
            Config config =
                    admin.describeConfigs(List.of(resource))
                            .all()
                            .get(10, TimeUnit.SECONDS)
                            .get(resource);
            Map<String, String> values = new HashMap<>();
            config.entries().forEach(entry -> values.put(entry.name(), entry.value()));
            return values;
        }
    }

    /** The node that leads the most partitions of the event topics. */
    static int busiestLeader(PipelineProcesses pipeline) throws Exception {
        return busiestLeader(pipeline, -1);
    }

    /** The node other than {@code spared} that leads the most partitions of the event topics. */
    static int busiestLeader(PipelineProcesses pipeline, int spared) throws Exception {
        Map<Integer, Integer> led = new HashMap<>();
        for (TopicDescription topic : describe(pipeline, EVENT_TOPICS).values()) {
            for (TopicPartitionInfo partition : topic.partitions()) {
                if (partition.leader() != null && partition.leader().id() != spared) {
                    led.merge(partition.leader().id(), 1, Integer::sum);
                }
            }
        }
        return led.entrySet().stream()
                .max(Map.Entry.comparingByValue())
                .orElseThrow(() -> new IllegalStateException("no partition has a leader"))
                .getKey();
    }

    /** The node that is the KRaft quorum's active controller. */
    static int activeController(PipelineProcesses pipeline) throws Exception {
        try (Admin admin = admin(pipeline)) {
            return admin.describeMetadataQuorum().quorumInfo().get(10, TimeUnit.SECONDS).leaderId();
        }
    }

    /** Partitions of the event topics that {@code nodeId} leads. */
    static long partitionsLedBy(PipelineProcesses pipeline, int nodeId) throws Exception {
        return describe(pipeline, EVENT_TOPICS).values().stream()
                .flatMap(topic -> topic.partitions().stream())
                .map(TopicPartitionInfo::leader)
                .filter(leader -> leader != null && leader.id() == nodeId)
                .count();
    }

    /**
     * Waits until every partition of the event topics has every replica in sync, and returns how
     * long that took.
     */
    static Duration awaitFullyReplicated(PipelineProcesses pipeline, Duration timeout) {
        Instant start = Instant.now();
        Awaitility.await()
                .atMost(timeout)
                .pollInterval(Duration.ofMillis(500))
                .ignoreExceptions()
                .until(() -> underReplicated(pipeline) == 0);
        return Duration.between(start, Instant.now());
    }

    /** Partitions of the event topics with fewer replicas in sync than assigned, or no leader. */
    static long underReplicated(PipelineProcesses pipeline) throws Exception {
        return describe(pipeline, EVENT_TOPICS).values().stream()
                .flatMap(topic -> topic.partitions().stream())
                .filter(
                        p ->
                                p.leader() == null
                                        || Node.noNode().equals(p.leader())
                                        || p.isr().size() < p.replicas().size())
                .count();
    }

    private static Admin admin(PipelineProcesses pipeline) {
        return Admin.create(
                Map.of(
                        AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                        pipeline.bootstrapServers(),
                        AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG,
                        10_000,
                        AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG,
                        5_000));
    }
}
