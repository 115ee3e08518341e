package com.translation.pipeline.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.translation.pipeline.local.ServiceProcess;
import com.translation.pipeline.reliability.Battery.Counted;
import com.translation.pipeline.testsupport.MariaDbServer;
import com.translation.pipeline.testsupport.PipelineProcesses;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Scenario 18 (docs/reliability.md): the pipeline on a MariaDB primary with a replica, a second
 * query-api reading from the replica, and the replica SIGKILLed under read and write load, then
 * started again. Nothing accepted is lost (the {@link SetChecker} on the primary), every read with
 * a consistency token that says consistent shows the version its token was given for, and query-api
 * answers no 5xx while the replica is gone.
 */
class ReplicaBatteryIT {

    private static final Scale SCALE = Scale.current();
    private static final int READERS = 3;
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static MariaDbServer replica;
    private static PipelineProcesses pipeline;
    private static ServiceProcess reads;
    private static SetChecker checker;

    @BeforeAll
    static void startPipeline() throws Exception {
        MariaDbServer primary = MariaDbServer.startPrimary();
        replica = MariaDbServer.startReplicaOf(primary);
        pipeline = Battery.start("replica-battery", primary, SCALE);
        reads =
                pipeline.startService(
                        "query-api-on-replica",
                        "query-api",
                        Map.of("QUERY_REPLICA_URL", pipeline.jdbcUrlOn(replica)));
        reads.awaitHealthy(Duration.ofMinutes(3));
        checker = new SetChecker(pipeline);
    }

    @AfterAll
    static void stopPipeline() {
        if (reads != null) {
            reads.close();
        }
        if (pipeline != null) {
            pipeline.close();
        }
        if (replica != null) {
            replica.close();
        }
    }

    @Test
    void replicaKilledUnderReadAndWriteLoad() throws Exception {
        MariaDbServer primary = (MariaDbServer) pipeline.database();
        awaitReplica("available");
        Counted before = Counted.now(pipeline);
        Duration duration = Duration.ofSeconds(Math.max(30, SCALE.duration().toSeconds()));
        Traffic traffic =
                new Traffic(pipeline, 18, SCALE)
                        .start(
                                Workload.SendOrder.ASCENDING,
                                Workload.SendOrder.ASCENDING,
                                duration);
        boolean[] down = {false};
        TokenReads tokens;
        try (TokenReads running =
                TokenReads.start(
                        pipeline.ingest().baseUrl(),
                        reads.baseUrl(),
                        "tok18-" + Long.toString(System.nanoTime(), 36),
                        READERS,
                        () -> down[0])) {
            tokens = running;
            Probes.sleep(traffic.part(0.3));
            down[0] = true;
            replica.kill();
            awaitReplica("unavailable");
            Probes.sleep(traffic.part(0.3));
            replica.startAgain();
            replica.follow(primary);
            down[0] = false;
            awaitReplica("available");
            traffic.finish();
        }
        checker.awaitFlushed();
        Awaitility.await()
                .atMost(Duration.ofMinutes(1))
                .until(() -> replicaState().path("lag_events").asLong(-1) == 0);
        TokenReads.Counts seen = tokens.counts();
        long fallbacks = fallbacks();

        Verdict verdict =
                before.appliedOnce(
                        pipeline,
                        checker.check(18, traffic.prefix(), traffic.ledger())
                                .with("replica_kills", 1)
                                .with("token_reads", seen.reads())
                                .with("token_reads_while_down", seen.duringFault())
                                .with("token_reads_consistent", seen.consistent())
                                .with("token_reads_stale", seen.stale())
                                .with("token_reads_wrong", seen.wrong())
                                .with("query_5xx", seen.errors())
                                .with("fallbacks_to_primary", fallbacks));
        Battery.conclude(verdict);
        assertThat(seen.wrong()).as("consistent reads that showed another version").isZero();
        assertThat(seen.errors()).as("query-api answers of 5xx or none").isZero();
        assertThat(seen.duringFault()).as("token reads while the replica was down").isPositive();
        assertThat(seen.consistent()).as("consistent token reads").isPositive();
        assertThat(fallbacks).as("reads that went to the primary").isPositive();
    }

    private static void awaitReplica(String status) {
        Awaitility.await()
                .atMost(Duration.ofMinutes(1))
                .until(() -> replicaState().path("status").asString().equals(status));
    }

    private static JsonNode replicaState() throws Exception {
        HttpResponse<String> stats =
                HTTP.send(
                        HttpRequest.newBuilder(
                                        URI.create(reads.baseUrl() + "/api/v1/translation/stats"))
                                .header("X-API-Key", PipelineProcesses.READ_KEY)
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        return HttpSender.JSON.readTree(stats.body()).path("replica");
    }

    /** query-api's {@code query_replica_fallbacks_total}, all reasons. */
    private static long fallbacks() throws Exception {
        String metrics =
                HTTP.send(
                                HttpRequest.newBuilder(
                                                URI.create(
                                                        reads.baseUrl() + "/actuator/prometheus"))
                                        .header("X-API-Key", PipelineProcesses.ADMIN_KEY)
                                        .build(),
                                HttpResponse.BodyHandlers.ofString())
                        .body();
        return Math.round(
                metrics.lines()
                        .filter(line -> line.startsWith("query_replica_fallbacks_total"))
                        .mapToDouble(
                                line ->
                                        Double.parseDouble(
                                                line.substring(line.lastIndexOf(' ') + 1)))
                        .sum());
    }
}
