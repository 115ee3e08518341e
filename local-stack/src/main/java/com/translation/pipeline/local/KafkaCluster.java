package com.translation.pipeline.local;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.apache.kafka.common.Uuid;

/**
 * A KRaft Kafka cluster of one node or of three or more, each node a broker and a voting controller
 * in a child JVM of its own ({@link KafkaBrokerProcess}), so that any one can be killed, stopped or
 * restarted. Its durability settings follow the cluster's size, as docs/operations.md gives them
 * for production: with three nodes or more every topic, including the consumer-offset and
 * transaction logs, has {@value #CLUSTER_REPLICATION_FACTOR} replicas and takes a write only when
 * {@value #CLUSTER_MIN_IN_SYNC_REPLICAS} of them have it, and an out-of-sync replica never becomes
 * leader; a single node has one replica of everything. Two nodes are refused: no setting makes two
 * replicas both durable and available when one is lost.
 */
public final class KafkaCluster implements AutoCloseable {

    /** Replicas of every topic in a cluster of three nodes or more. */
    public static final int CLUSTER_REPLICATION_FACTOR = 3;

    /** Replicas that must have a write before it is acknowledged, with three nodes or more. */
    public static final int CLUSTER_MIN_IN_SYNC_REPLICAS = 2;

    /**
     * How long the controller waits for a silent broker's heartbeat (every 2 s) before it fences
     * it: 6 s instead of Kafka's 9 s. Until then the dead broker stays in the in-sync set of every
     * partition it replicates, so with {@code acks=all} no write anywhere in the cluster is
     * acknowledged; 6 s keeps that stall within ingest-api's delivery timeout (docs/operations.md).
     */
    public static final int BROKER_SESSION_TIMEOUT_MS = 6000;

    /** Partitions of a topic created without a count. */
    static final int DEFAULT_PARTITIONS = 6;

    /**
     * One node's identity and ports.
     *
     * @param id its {@code node.id}, from 1
     * @param port the broker's (clients') port on 127.0.0.1
     * @param controllerPort the controller's (quorum's) port on 127.0.0.1
     */
    public record Node(int id, int port, int controllerPort) {}

    private final List<KafkaBrokerProcess> brokers;
    private final int replicationFactor;
    private final int minInSyncReplicas;

    private KafkaCluster(
            List<KafkaBrokerProcess> brokers, int replicationFactor, int minInSyncReplicas) {
        this.brokers = List.copyOf(brokers);
        this.replicationFactor = replicationFactor;
        this.minInSyncReplicas = minInSyncReplicas;
    }

    /**
     * Prepares the nodes under {@code home} (one node: {@code home} itself; more: {@code
     * home/node-<id>}), writing each one's {@code server.properties} and formatting the storage of
     * those never formatted with the cluster's id, run with {@code classPath} (which must hold
     * kafka_2.13). Nothing starts yet.
     *
     * @throws IllegalArgumentException for two nodes, or none
     * @throws IllegalStateException when formatting fails
     */
    public static KafkaCluster prepare(Path home, List<Node> nodes, String classPath) {
        if (nodes.isEmpty() || nodes.size() == 2) {
            throw new IllegalArgumentException(
                    "a Kafka cluster here has one node, or three or more; not " + nodes.size());
        }
        boolean single = nodes.size() == 1;
        int replicationFactor = single ? 1 : CLUSTER_REPLICATION_FACTOR;
        int minInSyncReplicas = single ? 1 : CLUSTER_MIN_IN_SYNC_REPLICAS;
        String voters =
                nodes.stream()
                        .map(n -> n.id() + "@127.0.0.1:" + n.controllerPort())
                        .collect(Collectors.joining(","));
        List<Path> homes =
                nodes.stream().map(n -> single ? home : home.resolve("node-" + n.id())).toList();
        String clusterId = existingClusterId(homes).orElseGet(() -> Uuid.randomUuid().toString());
        List<KafkaBrokerProcess> brokers = new ArrayList<>();
        for (int i = 0; i < nodes.size(); i++) {
            Node node = nodes.get(i);
            brokers.add(
                    KafkaBrokerProcess.prepareNode(
                            homes.get(i),
                            node.id(),
                            node.port(),
                            serverProperties(
                                    node,
                                    voters,
                                    homes.get(i),
                                    replicationFactor,
                                    minInSyncReplicas),
                            clusterId,
                            classPath));
        }
        return new KafkaCluster(brokers, replicationFactor, minInSyncReplicas);
    }

    /** The {@code server.properties} lines of {@code node}, whose data lives under {@code home}. */
    static List<String> serverProperties(
            Node node, String voters, Path home, int replicationFactor, int minInSyncReplicas) {
        return List.of(
                "process.roles=broker,controller",
                "node.id=" + node.id(),
                "controller.quorum.voters=" + voters,
                "listeners=PLAINTEXT://127.0.0.1:"
                        + node.port()
                        + ",CONTROLLER://127.0.0.1:"
                        + node.controllerPort(),
                "advertised.listeners=PLAINTEXT://127.0.0.1:" + node.port(),
                "controller.listener.names=CONTROLLER",
                "inter.broker.listener.name=PLAINTEXT",
                "listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT",
                "log.dirs=" + KafkaBrokerProcess.dataDirectory(home),
                "num.partitions=" + DEFAULT_PARTITIONS,
                "auto.create.topics.enable=false",
                "default.replication.factor=" + replicationFactor,
                "min.insync.replicas=" + minInSyncReplicas,
                "offsets.topic.replication.factor=" + replicationFactor,
                "transaction.state.log.replication.factor=" + replicationFactor,
                "transaction.state.log.min.isr=" + minInSyncReplicas,
                "unclean.leader.election.enable=false",
                "broker.session.timeout.ms=" + BROKER_SESSION_TIMEOUT_MS,
                "group.initial.rebalance.delay.ms=0");
    }

    /** The id a node was formatted with before, if any was: a cluster keeps its id across runs. */
    private static Optional<String> existingClusterId(List<Path> homes) {
        return homes.stream()
                .flatMap(home -> KafkaBrokerProcess.clusterIdOf(home).stream())
                .findFirst();
    }

    /**
     * Starts every node at once and waits until each accepts connections.
     *
     * @throws IllegalStateException when a node exits or does not start within 90 s
     */
    public void start() {
        brokers.forEach(KafkaBrokerProcess::launch);
        brokers.forEach(KafkaBrokerProcess::awaitAccepting);
    }

    /** Every node's broker address, comma-separated, as clients' {@code bootstrap.servers}. */
    public String bootstrapServers() {
        return brokers.stream()
                .map(KafkaBrokerProcess::bootstrapServers)
                .collect(Collectors.joining(","));
    }

    /** The nodes, in the order of their ids. */
    public List<KafkaBrokerProcess> brokers() {
        return brokers;
    }

    /**
     * The node with {@code node.id} {@code nodeId}.
     *
     * @throws IllegalArgumentException when there is none
     */
    public KafkaBrokerProcess broker(int nodeId) {
        return brokers.stream()
                .filter(b -> b.nodeId() == nodeId)
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no Kafka node " + nodeId));
    }

    /**
     * The services' settings for topics they create on this cluster: the same replication factor
     * and {@code min.insync.replicas} as the cluster's defaults, set explicitly so that they hold
     * whatever the broker defaults are.
     */
    public Map<String, String> serviceSettings() {
        return serviceSettings(replicationFactor, minInSyncReplicas);
    }

    /** The services' topic settings (environment variables) for these counts. */
    static Map<String, String> serviceSettings(int replicationFactor, int minInSyncReplicas) {
        Map<String, String> settings = new LinkedHashMap<>();
        for (String module : List.of("INGEST", "WORKER")) {
            settings.put(module + "_TOPIC_REPLICATION_FACTOR", Integer.toString(replicationFactor));
            settings.put(
                    module + "_TOPIC_MIN_INSYNC_REPLICAS", Integer.toString(minInSyncReplicas));
        }
        return settings;
    }

    /** Stops every node (SIGTERM to all at once), waiting for each; SIGKILL after 30 s. */
    @Override
    public void close() {
        brokers.forEach(KafkaBrokerProcess::requestStop);
        brokers.forEach(KafkaBrokerProcess::stop);
    }

    /** Kills every node at once (SIGKILL). */
    public void kill() {
        brokers.forEach(KafkaBrokerProcess::kill);
    }
}
