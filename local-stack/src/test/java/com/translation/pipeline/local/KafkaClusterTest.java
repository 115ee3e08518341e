package com.translation.pipeline.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The settings each node of a local cluster gets, by the cluster's size; no broker starts here. */
class KafkaClusterTest {

    @TempDir Path home;

    @Test
    void threeNodesReplicateEveryTopicThreeTimesAndAcknowledgeOnTwo() {
        KafkaCluster.Node node = new KafkaCluster.Node(2, 9094, 9095);
        String voters = "1@127.0.0.1:9093,2@127.0.0.1:9095,3@127.0.0.1:9097";

        List<String> properties = KafkaCluster.serverProperties(node, voters, home, 3, 2);

        assertThat(properties)
                .contains(
                        "node.id=2",
                        "process.roles=broker,controller",
                        "controller.quorum.voters=" + voters,
                        "listeners=PLAINTEXT://127.0.0.1:9094,CONTROLLER://127.0.0.1:9095",
                        "advertised.listeners=PLAINTEXT://127.0.0.1:9094",
                        "log.dirs=" + home.resolve("data"),
                        "default.replication.factor=3",
                        "min.insync.replicas=2",
                        "offsets.topic.replication.factor=3",
                        "transaction.state.log.replication.factor=3",
                        "transaction.state.log.min.isr=2",
                        "unclean.leader.election.enable=false",
                        "broker.session.timeout.ms=6000",
                        "auto.create.topics.enable=false");
    }

    @Test
    void servicesCreateTopicsWithTheClustersCounts() {
        assertThat(KafkaCluster.serviceSettings(3, 2))
                .containsExactlyInAnyOrderEntriesOf(
                        java.util.Map.of(
                                "INGEST_TOPIC_REPLICATION_FACTOR", "3",
                                "INGEST_TOPIC_MIN_INSYNC_REPLICAS", "2",
                                "WORKER_TOPIC_REPLICATION_FACTOR", "3",
                                "WORKER_TOPIC_MIN_INSYNC_REPLICAS", "2"));
    }

    @Test
    void twoNodesOrNoneAreRefusedBeforeAnythingIsWritten() {
        List<KafkaCluster.Node> two =
                List.of(new KafkaCluster.Node(1, 1, 2), new KafkaCluster.Node(2, 3, 4));
        assertThatThrownBy(() -> KafkaCluster.prepare(home, two, ""))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not 2");
        assertThatThrownBy(() -> KafkaCluster.prepare(home, List.of(), ""))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(home).isEmptyDirectory();
    }

    @Test
    void theLocalRunsNodesTakeAPairOfPortsEachFrom9092() {
        assertThat(
                        List.of(
                                LocalStack.kafkaNode(1),
                                LocalStack.kafkaNode(2),
                                LocalStack.kafkaNode(3)))
                .containsExactly(
                        new KafkaCluster.Node(1, 9092, 9093),
                        new KafkaCluster.Node(2, 9094, 9095),
                        new KafkaCluster.Node(3, 9096, 9097));
    }
}
