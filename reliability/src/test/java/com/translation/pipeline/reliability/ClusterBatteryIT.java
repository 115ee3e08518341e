package com.translation.pipeline.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.translation.pipeline.local.KafkaBrokerProcess;
import com.translation.pipeline.local.KafkaCluster;
import com.translation.pipeline.reliability.Battery.Counted;
import com.translation.pipeline.reliability.Ledger.Answer;
import com.translation.pipeline.reliability.Workload.SendOrder;
import com.translation.pipeline.schema.event.Topics;
import com.translation.pipeline.testsupport.PipelineProcesses;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.config.TopicConfig;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * The reliability battery on a KRaft cluster of three brokers (docs/reliability.md, scenarios 14 to
 * 17): the topics' production settings, then faults of brokers under acknowledged load, each
 * checked by the {@link SetChecker} and by the workers' counters (every record on the topics
 * applied, ignored as stale or coalesced exactly once). The settings check and the leader kill run
 * in {@code ./mvnw verify}; {@code -Pbattery} runs all, at full size.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterBatteryIT {

    private static final Scale SCALE = Scale.current();

    /** Brokers in the cluster. */
    private static final int BROKERS = 3;

    /**
     * How long ingest-api may take to answer when Kafka cannot take a batch: its publish timeout (8
     * s) and some slack for a loaded machine.
     */
    private static final Duration ANSWER_BOUND = Duration.ofSeconds(10);

    /**
     * Longer than a broker's session with the controller ({@code broker.session.timeout.ms}, 6 s):
     * a broker frozen this long is fenced and its partitions get new leaders.
     */
    private static final Duration FROZEN = Duration.ofSeconds(15);

    private static PipelineProcesses pipeline;
    private static SetChecker checker;

    @BeforeAll
    static void startPipeline() throws Exception {
        pipeline = Battery.start("cluster battery", BROKERS, SCALE);
        checker = new SetChecker(pipeline);
    }

    @AfterAll
    static void stopPipeline() {
        if (pipeline != null) {
            pipeline.close();
        }
    }

    @Test
    @Order(1)
    void topicsTheServicesCreatedHaveTheProductionSettings() throws Exception {
        List<String> topics =
                List.of(Topics.SESSIONS, Topics.TASKS, Topics.DEAD_LETTERS, "__consumer_offsets");
        Map<String, TopicDescription> described = ClusterProbes.describe(pipeline, topics);
        for (String topic : topics) {
            for (TopicPartitionInfo partition : described.get(topic).partitions()) {
                assertThat(partition.replicas())
                        .as("replicas of %s-%d", topic, partition.partition())
                        .hasSize(KafkaCluster.CLUSTER_REPLICATION_FACTOR);
            }
            Map<String, String> config = ClusterProbes.config(pipeline, topic);
            assertThat(config)
                    .as(topic)
                    .containsEntry(
                            TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG,
                            Integer.toString(KafkaCluster.CLUSTER_MIN_IN_SYNC_REPLICAS))
                    .containsEntry(TopicConfig.UNCLEAN_LEADER_ELECTION_ENABLE_CONFIG, "false");
        }
        assertThat(described.get(Topics.SESSIONS).partitions())
                .as("partitions of the event topics, as ops/pipeline.env creates them")
                .hasSize(6);
    }

    @Test
    @Order(2)
    void leaderKilledUnderLoadAndRestartedTenSecondsLater() throws Exception {
        Duration down = Duration.ofSeconds(10);
        Counted before = Counted.now(pipeline);
        Traffic traffic = denseTraffic(14, Duration.ofSeconds(Math.max(30, seconds(SCALE))));
        Probes.sleep(traffic.part(0.2));

        // The active controller is spared: the outage measures a leader election, not also the
        // election of a new controller (scenarios 15 and 17 do not spare it).
        int controller = ClusterProbes.activeController(pipeline);
        int leader = ClusterProbes.busiestLeader(pipeline, controller);
        long led = ClusterProbes.partitionsLedBy(pipeline, leader);
        KafkaBrokerProcess broker = pipeline.kafka().broker(leader);
        Instant killed = Instant.now();
        broker.kill();
        Probes.sleep(down);
        Instant restarted = Instant.now();
        broker.start();
        traffic.finish();
        Duration resync = ClusterProbes.awaitFullyReplicated(pipeline, Duration.ofMinutes(2));

        Answers answers = Answers.of(traffic.ledger());
        long acceptedWhileDown = answers.acceptedAnsweredBetween(killed, restarted);
        long first202 = answers.firstAllAccepted(killed);
        Verdict verdict =
                answers.figures(checker.check(14, traffic.prefix(), traffic.ledger()))
                        .with("killed_node", leader)
                        .with("partitions_it_led", led)
                        .with("down_s", down.toSeconds())
                        .with("accepted_while_down", acceptedWhileDown)
                        .with("first_202_after_kill_ms", first202)
                        .with("resync_ms", resync.toMillis());
        conclude(before, verdict);
        // The dead broker holds every acks=all write until the controller fences it (6 s); then
        // its partitions have new leaders and every item is accepted again, before it is back.
        assertThat(first202)
                .as("ms from the kill to the first 202 for a request sent after it")
                .isBetween(0L, down.toMillis());
        assertThat(answers.serverErrors())
                .as("while partitions had no leader: 503 with Retry-After, never another failure")
                .allSatisfy(
                        answer -> {
                            assertThat(answer.status()).isEqualTo(503);
                            assertThat(answer.retryAfter()).isTrue();
                        });
    }

    @Test
    @Order(3)
    @EnabledIfSystemProperty(named = "battery", matches = "full")
    void twoOfThreeBrokersDownThenBack() throws Exception {
        Duration down = Duration.ofSeconds(20);
        Counted before = Counted.now(pipeline);
        Traffic traffic = denseTraffic(15, Duration.ofSeconds(Math.max(45, seconds(SCALE))));
        Probes.sleep(traffic.part(0.2));

        int leader = ClusterProbes.busiestLeader(pipeline);
        List<KafkaBrokerProcess> downed =
                pipeline.kafka().brokers().stream()
                        .filter(b -> b.nodeId() != leader)
                        .limit(2)
                        .toList();
        Instant killed = Instant.now();
        downed.forEach(KafkaBrokerProcess::kill);
        Probes.sleep(down);
        // A broker still answers, so only the publish outcomes can say that writes fail.
        String writes = Probes.healthComponent(pipeline.ingest(), "kafkaWrites");
        Instant restarted = Instant.now();
        downed.forEach(KafkaBrokerProcess::start);
        traffic.finish();
        Duration resync = ClusterProbes.awaitFullyReplicated(pipeline, Duration.ofMinutes(2));

        Answers answers = Answers.of(traffic.ledger());
        // A request sent a second after the kill cannot reach two replicas while two are down.
        List<Answer> whileDown = answers.within(killed.plusSeconds(1), restarted);
        Verdict verdict =
                answers.figures(checker.check(15, traffic.prefix(), traffic.ledger()))
                        .with(
                                "killed_nodes",
                                downed.stream().map(KafkaBrokerProcess::nodeId).toList())
                        .with("down_s", down.toSeconds())
                        .with("answers_while_down", whileDown.size())
                        .with("ingest_kafka_writes_health", writes)
                        .with(
                                "accepted_after_recovery",
                                answers.acceptedAnsweredBetween(restarted, Instant.now()))
                        .with("resync_ms", resync.toMillis());
        conclude(before, verdict);
        assertThat(whileDown).as("requests answered while two brokers were down").isNotEmpty();
        assertThat(writes)
                .as("ingest-api's /health kafkaWrites while two were down")
                .isEqualTo("DOWN");
        for (Answer answer : whileDown) {
            assertThat(answer.accepted()).as("accepted with one replica: %s", answer).isZero();
            assertThat(answer.status()).as("status of %s", answer).isEqualTo(503);
            assertThat(answer.retryAfter()).as("Retry-After of %s", answer).isTrue();
            assertThat(Duration.between(answer.sent(), answer.answered()))
                    .as("time to answer %s", answer)
                    .isLessThanOrEqualTo(ANSWER_BOUND);
        }
        assertThat(answers.acceptedAnsweredBetween(restarted, Instant.now()))
                .as("accepted again once the brokers were back, no service restarted")
                .isPositive();
    }

    @Test
    @Order(4)
    @EnabledIfSystemProperty(named = "battery", matches = "full")
    void rollingRestartOfEveryBrokerUnderLoad() throws Exception {
        Counted before = Counted.now(pipeline);
        Traffic traffic = denseTraffic(16, Duration.ofSeconds(Math.max(90, seconds(SCALE))));
        Probes.sleep(traffic.part(0.1));

        List<Answers.Window> restarts = new ArrayList<>();
        for (KafkaBrokerProcess broker : pipeline.kafka().brokers()) {
            Instant from = Instant.now();
            broker.stop();
            broker.start();
            ClusterProbes.awaitFullyReplicated(pipeline, Duration.ofMinutes(2));
            restarts.add(new Answers.Window(from, Instant.now()));
        }
        traffic.finish();

        Answers answers = Answers.of(traffic.ledger());
        List<Answer> outside = answers.serverErrorsOutside(restarts, ANSWER_BOUND);
        Verdict verdict =
                answers.figures(checker.check(16, traffic.prefix(), traffic.ledger()))
                        .with("restarted_nodes", BROKERS)
                        .with(
                                "restarts_s",
                                Duration.between(
                                                restarts.get(0).from(),
                                                restarts.get(restarts.size() - 1).to())
                                        .toSeconds())
                        .with("http_5xx_outside_restarts", outside.size());
        conclude(before, verdict);
        assertThat(outside).as("5xx outside the restart windows").isEmpty();
    }

    @Test
    @Order(5)
    @EnabledIfSystemProperty(named = "battery", matches = "full")
    void leaderFrozenLongerThanItsSessionThenResumed() throws Exception {
        Counted before = Counted.now(pipeline);
        Traffic traffic = denseTraffic(17, Duration.ofSeconds(Math.max(45, seconds(SCALE))));
        Probes.sleep(traffic.part(0.2));

        int leader = ClusterProbes.busiestLeader(pipeline);
        KafkaBrokerProcess broker = pipeline.kafka().broker(leader);
        PipelineProcesses.signal(broker.pid(), "STOP");
        try {
            // The controller fences the silent broker and moves its partitions' leadership.
            Awaitility.await()
                    .atMost(FROZEN)
                    .pollInterval(Duration.ofMillis(500))
                    .ignoreExceptions()
                    .until(() -> ClusterProbes.partitionsLedBy(pipeline, leader) == 0);
            Probes.sleep(Duration.ofSeconds(3));
        } finally {
            PipelineProcesses.signal(broker.pid(), "CONT");
        }
        traffic.finish();
        Duration resync = ClusterProbes.awaitFullyReplicated(pipeline, Duration.ofMinutes(2));

        Answers answers = Answers.of(traffic.ledger());
        Verdict verdict =
                answers.figures(checker.check(17, traffic.prefix(), traffic.ledger()))
                        .with("frozen_node", leader)
                        .with("resync_ms", resync.toMillis());
        conclude(before, verdict);
    }

    /**
     * A load dense enough that each producer sends about twice a second: 300 sessions with one task
     * each, in 10 versions (the full battery: its own size), spread over {@code duration}.
     */
    private static Traffic denseTraffic(int scenario, Duration duration) {
        int sessions = Math.max(300, SCALE.sessions());
        return new Traffic(
                        pipeline,
                        scenario,
                        SCALE,
                        sessions,
                        Math.max(1, SCALE.tasksPerSession()),
                        Math.max(10, SCALE.versions()))
                .start(SendOrder.ASCENDING, SendOrder.ASCENDING, duration);
    }

    private static long seconds(Scale scale) {
        return scale.duration().toSeconds();
    }

    private static void conclude(Counted before, Verdict verdict) throws Exception {
        Battery.conclude(before.appliedOnce(pipeline, verdict));
    }
}
