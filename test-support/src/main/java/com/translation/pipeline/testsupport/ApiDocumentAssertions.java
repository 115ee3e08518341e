package com.translation.pipeline.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import io.swagger.v3.oas.models.SpecVersion;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Checks a service's OpenAPI document at {@code /v3/api-docs}, served without a key. */
public final class ApiDocumentAssertions {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private ApiDocumentAssertions() {}

    /**
     * An operation the document must describe.
     *
     * @param method lower-case HTTP method, as OpenAPI spells it ({@code post})
     * @param path the path template ({@code /api/v1/translation/sessions/{id}})
     * @param scope the scope its API key needs
     * @param tag the one tag it is listed under
     */
    public record Documented(String method, String path, String scope, String tag) {}

    /**
     * The served document is a valid OpenAPI 3.1 document, as swagger-parser (the parser behind
     * openapi-generator) validates it, with no message at all, and equals the committed {@code
     * docs/openapi/<service>.json} from which the build generates the Java client. When it differs,
     * the served one is written to {@code target/openapi/<service>.json} to be reviewed and copied.
     *
     * @param port the service's HTTP port
     * @param service the service's name, as the file under docs/openapi is named
     */
    public static void assertPublishedDocument(int port, String service) throws IOException {
        HttpResponse<String> response =
                ServiceHttp.sendAsIs(
                        HttpRequest.newBuilder(ServiceHttp.uri(port, "/v3/api-docs")).GET());
        assertThat(response.statusCode()).isEqualTo(200);

        ParseOptions options = new ParseOptions();
        options.setValidateInternalRefs(true);
        SwaggerParseResult parsed =
                new OpenAPIV3Parser().readContents(response.body(), null, options);
        assertThat(parsed.getMessages()).as("swagger-parser's validation messages").isEmpty();
        assertThat(parsed.getOpenAPI().getSpecVersion()).isEqualTo(SpecVersion.V31);

        JsonNode served = JSON.readTree(response.body());
        Path root = Path.of(System.getProperty("project.root", "..")).toAbsolutePath().normalize();
        Path committed = root.resolve("docs/openapi/" + service + ".json");
        JsonNode expected = Files.exists(committed) ? JSON.readTree(committed.toFile()) : null;
        if (!served.equals(expected)) {
            Path fresh = Path.of("target/openapi/" + service + ".json").toAbsolutePath();
            Files.createDirectories(fresh.getParent());
            Files.writeString(
                    fresh, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(served) + "\n");
            throw new AssertionError(
                    service
                            + " serves an OpenAPI document that differs from "
                            + committed
                            + "; if the change is meant, review and copy it: cp "
                            + fresh
                            + " "
                            + committed);
        }
    }

    /**
     * The document is OpenAPI 3.1 titled {@code title} with the project's version, defines the
     * {@code X-API-Key} header scheme, lists {@code /health} as open (no key), and lists each of
     * {@code operations} under its tag, requiring a key with its scope and documenting the 401 and
     * 403 answers.
     */
    public static void assertApiDocument(int port, String title, List<Documented> operations) {
        HttpResponse<String> response =
                ServiceHttp.sendAsIs(
                        HttpRequest.newBuilder(ServiceHttp.uri(port, "/v3/api-docs")).GET());
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode document = JSON.readTree(response.body());

        assertThat(document.path("openapi").asString()).startsWith("3.1");
        assertThat(document.path("info").path("title").asString()).isEqualTo(title);
        assertThat(document.path("info").path("version").asString())
                .as("the project's version, filtered in by the build")
                .matches("\\d+\\.\\d+\\.\\d+.*");
        assertThat(document.path("info").path("description").asString()).isNotBlank();
        JsonNode scheme = document.path("components").path("securitySchemes").path("apiKey");
        assertThat(
                        Map.of(
                                "type", scheme.path("type").asString(),
                                "in", scheme.path("in").asString(),
                                "name", scheme.path("name").asString()))
                .isEqualTo(Map.of("type", "apiKey", "in", "header", "name", "X-API-Key"));

        assertThat(document.path("paths").path("/health").path("get").path("security").toString())
                .as("/health is listed and marked open: an empty requirement")
                .isEqualTo("[{}]");
        for (Documented expected : operations) {
            JsonNode operation =
                    document.path("paths").path(expected.path()).path(expected.method());
            String name = expected.method() + " " + expected.path();
            assertThat(operation.isObject()).as(name + " is documented").isTrue();
            List<String> scopes = new ArrayList<>();
            operation
                    .path("security")
                    .forEach(
                            requirement ->
                                    requirement
                                            .path("apiKey")
                                            .forEach(s -> scopes.add(s.asString())));
            assertThat(scopes).as(name + " scopes").containsExactly(expected.scope());
            List<String> tags = new ArrayList<>();
            operation.path("tags").forEach(tag -> tags.add(tag.asString()));
            assertThat(tags).as(name + " tags").containsExactly(expected.tag());
            assertThat(operation.path("responses").has("401")).as(name + " 401").isTrue();
            assertThat(operation.path("responses").has("403")).as(name + " 403").isTrue();
        }
    }
}
