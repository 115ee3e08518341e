package com.translation.pipeline.query;

import static com.translation.pipeline.testsupport.AccessAssertions.Needs.ADMIN;
import static com.translation.pipeline.testsupport.AccessAssertions.Needs.READ;
import static com.translation.pipeline.testsupport.AccessAssertions.assertNotServed;
import static com.translation.pipeline.testsupport.AccessAssertions.assertScope;
import static org.assertj.core.api.Assertions.assertThat;

import com.translation.pipeline.testsupport.ApiDocumentAssertions;
import com.translation.pipeline.testsupport.ApiDocumentAssertions.Documented;
import com.translation.pipeline.testsupport.ServiceAssertions;
import com.translation.pipeline.testsupport.ServiceHttp;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.json.JsonMapper;

/** API keys and scopes on every query-api endpoint; request bodies take only their fields. */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class QuerySecurityIT {

    @LocalServerPort int port;

    @DynamicPropertySource
    static void stack(DynamicPropertyRegistry registry) {
        QueryTestStack.kafkaAndMariaDb(registry);
    }

    @Test
    void servedApiDocumentPassesTheLinterAndIsTheCommittedOne() throws IOException {
        ApiDocumentAssertions.assertPublishedDocument(port, "query-api");
    }

    @Test
    void apiDocumentNamesTheServiceTheKeyAndEachOperationsScopeAndTag() {
        ApiDocumentAssertions.assertApiDocument(
                port,
                "translation-pipeline query-api",
                List.of(
                        new Documented("get", "/api/v1/translation/sessions", "read", "sessions"),
                        new Documented(
                                "get", "/api/v1/translation/sessions/{id}", "read", "sessions"),
                        new Documented(
                                "get",
                                "/api/v1/translation/sessions/{id}/tasks",
                                "read",
                                "sessions"),
                        new Documented(
                                "delete", "/api/v1/translation/sessions/{id}", "admin", "sessions"),
                        new Documented("get", "/api/v1/translation/tasks", "read", "tasks"),
                        new Documented("get", "/api/v1/translation/tasks/{id}", "read", "tasks"),
                        new Documented(
                                "post",
                                "/api/v1/translation/recovery/restore/{id}",
                                "read",
                                "recovery"),
                        new Documented(
                                "post",
                                "/api/v1/translation/sessions/cleanup",
                                "admin",
                                "maintenance"),
                        new Documented("get", "/api/v1/translation/stats", "read", "system")));
    }

    @Test
    void requestsTomcatRefusesAreAnsweredAsProblems() {
        ServiceAssertions.assertTomcatRefusalsAreProblems(port);
    }

    @Test
    void everyEndpointNeedsAKeyWithItsScope() {
        String api = "/api/v1/translation";
        for (String path :
                new String[] {
                    api + "/sessions",
                    api + "/sessions/s-1",
                    api + "/sessions/s-1/tasks",
                    api + "/tasks",
                    api + "/tasks/t-1",
                    api + "/recovery/incomplete-sessions",
                    api + "/stats",
                    "/api/v1/system/metrics"
                }) {
            assertScope(port, "GET", path, null, READ);
        }
        assertScope(port, "POST", api + "/recovery/restore/s-1", null, READ);
        assertScope(port, "DELETE", api + "/sessions/s-1", null, ADMIN);
        assertScope(port, "POST", api + "/sessions/cleanup", "{\"older_than_days\": 30}", ADMIN);
        assertScope(port, "GET", "/api/v1/system/config", null, ADMIN);
    }

    /**
     * A path nothing serves is 404 and a method its path does not take 405, for every valid key.
     */
    @Test
    void pathsNothingServesAre404Or405WhateverTheKey() {
        String api = "/api/v1/translation";
        assertNotServed(port, "PUT", api + "/sessions/s-1", 405, Set.of("GET", "DELETE"));
        assertNotServed(port, "PATCH", api + "/tasks/t-1", 405, Set.of("GET"));
        assertNotServed(port, "GET", api + "/recovery/restore/s-1", 405, Set.of("POST"));
        assertNotServed(port, "GET", api + "/sessions/s-1/nothing", 404, Set.of());
        assertNotServed(port, "DELETE", api + "/nothing", 404, Set.of());
        HttpResponse<String> slash =
                assertNotServed(port, "POST", api + "/recovery/restore/s-1/", 404, Set.of());

        assertThat(slash.body())
                .contains("Without the trailing slash, " + api + "/recovery/restore/s-1 is one.");
    }

    /** OPTIONS only lists a path's methods: any valid key may ask, none without a key. */
    /** HEAD is a GET without its body: the read key's, as for GET (it was 403 with it). */
    @Test
    void headNeedsTheScopeOfGet() {
        for (String path :
                List.of("/api/v1/translation/sessions", "/api/v1/translation/sessions/absent")) {
            HttpResponse<String> read =
                    ServiceHttp.sendAsIs(
                            HttpRequest.newBuilder(ServiceHttp.uri(port, path))
                                    .header(ServiceHttp.API_KEY_HEADER, ServiceHttp.READ_KEY)
                                    .method("HEAD", HttpRequest.BodyPublishers.noBody()));
            HttpResponse<String> write =
                    ServiceHttp.sendAsIs(
                            HttpRequest.newBuilder(ServiceHttp.uri(port, path))
                                    .header(ServiceHttp.API_KEY_HEADER, ServiceHttp.WRITE_KEY)
                                    .method("HEAD", HttpRequest.BodyPublishers.noBody()));
            assertThat(read.statusCode()).as(path).isIn(200, 404);
            assertThat(read.body()).as(path).isEmpty();
            assertThat(write.statusCode()).as(path).isEqualTo(403);
        }
    }

    @Test
    void optionsTakesAnyValidKey() {
        for (String key :
                new String[] {ServiceHttp.READ_KEY, ServiceHttp.WRITE_KEY, ServiceHttp.ADMIN_KEY}) {
            HttpResponse<String> response =
                    ServiceHttp.sendAsIs(
                            HttpRequest.newBuilder(
                                            ServiceHttp.uri(port, "/api/v1/translation/sessions"))
                                    .header(ServiceHttp.API_KEY_HEADER, key)
                                    .method("OPTIONS", HttpRequest.BodyPublishers.noBody()));
            assertThat(response.statusCode()).as(key).isEqualTo(200);
            assertThat(response.headers().firstValue("Allow").orElse("")).as(key).contains("GET");
        }
        assertThat(
                        ServiceHttp.sendAsIs(
                                        HttpRequest.newBuilder(
                                                        ServiceHttp.uri(
                                                                port,
                                                                "/api/v1/translation/sessions"))
                                                .method(
                                                        "OPTIONS",
                                                        HttpRequest.BodyPublishers.noBody()))
                                .statusCode())
                .isEqualTo(401);
    }

    @Test
    void databasePasswordAndKeysNeverAppearInTheEffectiveConfiguration() {
        String config = ServiceHttp.get(port, "/api/v1/system/config").body();

        assertThat(config)
                .contains(
                        "\"spring.datasource.password\":\"******\"",
                        "\"max_page_size\":500",
                        "\"name\":\"test-admin\"");
        assertThat(config).doesNotContain(ServiceHttp.ADMIN_KEY, ServiceHttp.READ_KEY);
    }

    @Test
    void cleanupBodyWithAnUnknownOrServerOwnedFieldIsRejected() {
        HttpResponse<String> response =
                ServiceHttp.postJson(
                        port,
                        "/api/v1/translation/sessions/cleanup",
                        "{\"older_than_days\": 30, \"force\": true}");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(
                        JsonMapper.builder()
                                .build()
                                .readTree(response.body())
                                .findValuesAsString("field"))
                .containsExactly("force");
    }
}
