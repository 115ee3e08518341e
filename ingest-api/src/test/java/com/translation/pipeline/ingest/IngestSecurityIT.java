package com.translation.pipeline.ingest;

import static com.translation.pipeline.testsupport.AccessAssertions.Needs.ADMIN;
import static com.translation.pipeline.testsupport.AccessAssertions.Needs.READ;
import static com.translation.pipeline.testsupport.AccessAssertions.Needs.WRITE;
import static com.translation.pipeline.testsupport.AccessAssertions.assertNotServed;
import static com.translation.pipeline.testsupport.AccessAssertions.assertScope;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.translation.pipeline.testsupport.ApiDocumentAssertions;
import com.translation.pipeline.testsupport.ApiDocumentAssertions.Documented;
import com.translation.pipeline.testsupport.KafkaTestBroker;
import com.translation.pipeline.testsupport.ServiceAssertions;
import com.translation.pipeline.testsupport.ServiceHttp;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** API keys and scopes on every ingest-api endpoint, the open ones, limits and secrets. */
@SpringBootTest(
        webEnvironment = WebEnvironment.RANDOM_PORT,
        properties = {
            "spring.kafka.ssl.key-password=ssl-secret-value",
            "ingest.flush-default-timeout=0s"
        })
class IngestSecurityIT {

    @LocalServerPort int port;

    @DynamicPropertySource
    static void kafka(DynamicPropertyRegistry registry) {
        registry.add(
                "spring.kafka.bootstrap-servers", KafkaTestBroker.instance()::bootstrapServers);
    }

    @Test
    void requestsTomcatRefusesAreAnsweredAsProblems() {
        ServiceAssertions.assertTomcatRefusalsAreProblems(port);
    }

    @Test
    void everyEndpointNeedsAKeyWithItsScope() {
        String session = IngestTestData.sessions(IngestTestData.session("s-" + UUID.randomUUID()));
        String task = IngestTestData.tasks(IngestTestData.task("t-" + UUID.randomUUID(), "s-1"));

        assertScope(port, "POST", "/api/v1/translation/sessions/batch", session, WRITE);
        assertScope(port, "POST", "/api/v1/translation/tasks/batch", task, WRITE);
        assertScope(port, "POST", "/api/v1/translation/flush", "{\"timeout_ms\": 0}", WRITE);
        assertScope(port, "GET", "/api/v1/system/metrics", null, READ);
        assertScope(port, "GET", "/api/v1/system/config", null, ADMIN);
    }

    /**
     * A path nothing serves is 404 and a method its path does not take 405, for every valid key:
     * not a 403 that reads as a permission problem. A trailing slash is named in the answer.
     */
    @Test
    void pathsNothingServesAre404Or405WhateverTheKey() {
        assertNotServed(port, "GET", "/api/v1/not-yet-an-endpoint", 404, Set.of());
        assertNotServed(port, "GET", "/api/v1/translation/sessions/batch", 405, Set.of("POST"));
        assertNotServed(port, "PUT", "/api/v1/translation/tasks/batch", 405, Set.of("POST"));
        assertNotServed(port, "DELETE", "/api/v1/translation/flush", 405, Set.of("POST"));
        HttpResponse<String> slash =
                assertNotServed(port, "POST", "/api/v1/translation/sessions/batch/", 404, Set.of());

        assertThat(slash.body())
                .contains(
                        "No endpoint serves POST /api/v1/translation/sessions/batch/.",
                        "Without the trailing slash, /api/v1/translation/sessions/batch is one.");
    }

    /**
     * What the container answers itself is problem+json too, with the refused request as its {@code
     * instance}: TRACE (refused before any filter, with the methods the path takes), a path with an
     * encoded slash; and the error page asked for directly is a path nothing serves.
     */
    @Test
    void traceAndTheErrorPageAnswerAsProblems() {
        HttpResponse<String> trace =
                ServiceHttp.send(
                        HttpRequest.newBuilder(ServiceHttp.uri(port, "/api/v1/system/metrics"))
                                .method("TRACE", HttpRequest.BodyPublishers.noBody()));
        HttpResponse<String> error =
                ServiceHttp.sendAsIs(HttpRequest.newBuilder(ServiceHttp.uri(port, "/error")).GET());
        HttpResponse<String> encodedSlash =
                ServiceHttp.send(
                        HttpRequest.newBuilder(ServiceHttp.uri(port, "/api/v1/translation/a%2Fb"))
                                .GET());

        assertThat(trace.statusCode()).isEqualTo(405);
        assertThat(trace.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(trace.body()).contains("\"status\":405").doesNotContain("Exception");
        assertThat(trace.body()).contains("\"instance\":\"/api/v1/system/metrics\"");
        assertThat(error.statusCode()).isEqualTo(404);
        assertThat(error.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(error.body()).contains("No endpoint serves GET /error.");
        // Refused by the container before any filter: problem+json, naming the request as given.
        assertThat(encodedSlash.statusCode()).isEqualTo(400);
        assertThat(encodedSlash.headers().firstValue("Content-Type"))
                .hasValue("application/problem+json");
        assertThat(encodedSlash.body()).contains("\"instance\":\"/api/v1/translation/a%2Fb\"");
    }

    @Test
    void healthPrometheusAndApiDocsNeedNoKey() {
        for (String path : new String[] {"/health", "/actuator/prometheus", "/v3/api-docs"}) {
            HttpResponse<String> response =
                    ServiceHttp.sendAsIs(HttpRequest.newBuilder(ServiceHttp.uri(port, path)).GET());
            assertThat(response.statusCode()).as(path).isEqualTo(200);
        }
    }

    @Test
    void servedApiDocumentPassesTheLinterAndIsTheCommittedOne() throws IOException {
        ApiDocumentAssertions.assertPublishedDocument(port, "ingest-api");
    }

    @Test
    void apiDocumentNamesTheServiceTheKeyAndEachOperationsScopeAndTag() {
        ApiDocumentAssertions.assertApiDocument(
                port,
                "translation-pipeline ingest-api",
                List.of(
                        new Documented(
                                "post", "/api/v1/translation/sessions/batch", "write", "sessions"),
                        new Documented("post", "/api/v1/translation/tasks/batch", "write", "tasks"),
                        new Documented("post", "/api/v1/translation/flush", "write", "flush"),
                        new Documented("get", "/api/v1/system/metrics", "read", "system"),
                        new Documented("get", "/api/v1/system/config", "admin", "system")));
    }

    @Test
    void effectiveConfigurationRedactsEverySecret() {
        HttpResponse<String> response = ServiceHttp.get(port, "/api/v1/system/config");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body())
                .contains(
                        "\"max_items\":1000",
                        "\"max_body_size\":\"16777216B\"",
                        "\"ingest.flush-default-timeout\"",
                        "\"spring.kafka.ssl.key-password\":\"******\"",
                        "\"key\":\"******\"")
                .doesNotContain(
                        "ssl-secret-value",
                        ServiceHttp.ADMIN_KEY,
                        ServiceHttp.WRITE_KEY,
                        "1fe7a77d2fca400ab2b506da2b5c7a0bc9ab21853ba6ad65c049915ff64dfabb");
    }

    @Test
    void oversizedHeadersAreRefusedBeforeAnyWork() {
        HttpResponse<String> response =
                ServiceHttp.send(
                        HttpRequest.newBuilder(ServiceHttp.uri(port, "/api/v1/system/metrics"))
                                .header("X-Padding", "x".repeat(20_000))
                                .GET());

        assertThat(response.statusCode()).isIn(400, 431);
    }

    @Test
    void serviceWithoutKeysRefusesToStartAndSaysWhy() {
        assertThatThrownBy(
                        () ->
                                new SpringApplicationBuilder(IngestApiApplication.class)
                                        .run(
                                                "--server.port=0",
                                                "--pipeline.security.keys=",
                                                "--spring.kafka.bootstrap-servers="
                                                        + KafkaTestBroker.instance()
                                                                .bootstrapServers()))
                .hasStackTraceContaining("No API keys configured: set pipeline.security.keys");
    }
}
