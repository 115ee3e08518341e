package com.translation.pipeline.ingest;

import static com.translation.pipeline.ingest.IngestTestData.session;
import static com.translation.pipeline.ingest.IngestTestData.sessions;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.translation.pipeline.testsupport.KafkaProcess;
import com.translation.pipeline.testsupport.ServiceHttp;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * With the broker killed, a batch is answered 503 with Retry-After within the publish bound, never
 * 2xx; once the broker is back, the same running service accepts batches again.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class KafkaOutageIT {

    static final KafkaProcess KAFKA = KafkaProcess.start();
    static final String BATCH = "/api/v1/translation/sessions/batch";

    /** ingest.publish-timeout (8 s) plus room for a slow machine: the bound, not a speed target. */
    static final Duration ANSWER_BOUND = Duration.ofSeconds(15);

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @LocalServerPort int port;

    @DynamicPropertySource
    static void kafka(DynamicPropertyRegistry registry) {
        registry.add("spring.kafka.bootstrap-servers", KAFKA::bootstrapServers);
    }

    @AfterAll
    static void stopBroker() {
        KAFKA.close();
    }

    @Test
    void brokerDownGivesBounded503AndTheServiceRecoversWithoutRestart() {
        assertThat(post().statusCode()).isEqualTo(202);

        KAFKA.kill();
        long start = System.nanoTime();
        HttpResponse<String> during = post();
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        assertThat(during.statusCode()).as(during.body()).isEqualTo(503);
        assertThat(took).isLessThan(ANSWER_BOUND);
        assertThat(during.headers().firstValue("Retry-After")).hasValue("5");
        JsonNode problem = JSON.readTree(during.body());
        assertThat(problem.path("accepted").asInt()).isZero();
        assertThat(problem.path("failed").asInt()).as("failed, not invalid").isEqualTo(1);
        assertThat(problem.path("rejected").asInt()).as("rejected counts invalid items").isZero();
        assertThat(problem.path("detail").asString()).contains("may or may not have been stored");
        assertThat(problem.path("results").get(0).path("status").asString()).isEqualTo("failed");
        assertThat(problem.path("results").get(0).path("errors").get(0).path("message").asString())
                .as("the item's own reason, not the producer's count of other records")
                .doesNotContain("record(s)")
                .contains("may or may not have been stored");
        JsonNode health = JSON.readTree(ServiceHttp.get(port, "/health").body());
        assertThat(health.path("components").path("kafka").path("status").asString())
                .isEqualTo("DOWN");
        assertThat(health.path("components").path("kafkaWrites").path("status").asString())
                .as("the newest publish failed")
                .isEqualTo("DOWN");

        KAFKA.startAgain();
        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofSeconds(1))
                .until(() -> post().statusCode() == 202);
        JsonNode after = JSON.readTree(ServiceHttp.get(port, "/health").body());
        assertThat(after.path("components").path("kafkaWrites").path("status").asString())
                .isEqualTo("UP");
    }

    private HttpResponse<String> post() {
        return ServiceHttp.postJson(port, BATCH, sessions(session("s-" + UUID.randomUUID())));
    }
}
