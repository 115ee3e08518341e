package com.translation.pipeline.service.openapi;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.translation.pipeline.service.security.AccessRules;
import io.swagger.v3.core.jackson.ModelResolver;
import io.swagger.v3.core.util.Json31;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.JsonSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.oas.models.servers.Server;
import io.swagger.v3.oas.models.tags.Tag;
import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springdoc.core.utils.SpringDocUtils;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.http.MediaType;
import tools.jackson.databind.JsonNode;

/**
 * Every service's OpenAPI 3.1 document at {@code /v3/api-docs} (Swagger UI at {@code /docs}): its
 * title, version and description; the {@code X-API-Key} security scheme, and on each operation the
 * scope its key needs, read from the service's {@link AccessRules} (OpenAPI 3.1 lets an API key
 * requirement name roles); the answers every operation can get from the layers in front of it (401,
 * 403 and 429 from the key check, 400, 408, 413, 415 and 503 from the body and parameter limits),
 * as problem+json; the contract's JSON Schema files as component schemas ({@link
 * JsonSchemaComponents}); and the JSON property names as the services write them (snake_case).
 * Operations that need no key carry an empty requirement, so Swagger UI's "Authorize" applies to
 * the others only.
 */
@AutoConfiguration
@ConditionalOnClass(OpenApiCustomizer.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@EnableConfigurationProperties(ApiDocumentationProperties.class)
public class ApiDocumentationAutoConfiguration {

    /** The security scheme's name in the document. */
    static final String API_KEY_SCHEME = "apiKey";

    /** The tag of every service's system endpoints (and query-api's stats), described here once. */
    public static final String SYSTEM_TAG = "system";

    /** The media type of every error answer (RFC 9457). */
    public static final String PROBLEM_JSON = "application/problem+json";

    /** {@code #/components/schemas/Problem}: RFC 9457 problem details with field errors. */
    public static final String PROBLEM = "#/components/schemas/Problem";

    /** {@code #/components/headers/Retry-After}, on 429 and 503 answers. */
    public static final String RETRY_AFTER = "#/components/headers/Retry-After";

    /** Spring Boot's error page, which answers only for the service, never a client's call. */
    private static final String ERROR_PATH = "/error";

    /** springdoc's tag of the actuator endpoints ({@code springdoc.show-actuator}). */
    private static final String ACTUATOR_TAG = "Actuator";

    /** The health endpoint, open to every caller. */
    private static final String HEALTH_PATH = "/health";

    /** What springdoc calls a media type it cannot tell; every answer here is JSON. */
    private static final String ANY_MEDIA_TYPE = "*/*";

    static {
        // A JsonNode (Jackson 3: metadata, settings) is any JSON, not the node's Java getters.
        SpringDocUtils.getConfig().replaceWithSchema(JsonNode.class, new JsonSchema());
    }

    @Bean
    OpenAPI pipelineOpenApi(ApiDocumentationProperties properties) {
        Components components =
                new Components()
                        .addSecuritySchemes(
                                API_KEY_SCHEME,
                                new SecurityScheme()
                                        .type(SecurityScheme.Type.APIKEY)
                                        .in(SecurityScheme.In.HEADER)
                                        .name(AccessRules.KEY_HEADER)
                                        .description(
                                                "A key with the scope each operation names: read,"
                                                        + " write or admin (admin may do"
                                                        + " everything)."))
                        .addSchemas("Problem", ProblemSchemas.problem())
                        .addSchemas("FieldError", ProblemSchemas.fieldError())
                        .addHeaders(
                                "Retry-After",
                                new Header()
                                        .description("Seconds to wait before sending it again")
                                        .schema(
                                                ProblemSchemas.typed("integer")
                                                        .minimum(BigDecimal.ONE)));
        JsonSchemaComponents.load(properties.schemas()).forEach(components::addSchemas);
        return new OpenAPI()
                .info(
                        new Info()
                                .title(properties.title())
                                .version(properties.version())
                                .description(properties.description()))
                // Relative: the document is the same whichever address it is fetched at.
                .servers(List.of(new Server().url("/")))
                .components(components)
                .addTagsItem(
                        new Tag()
                                .name(SYSTEM_TAG)
                                .description(
                                        "The service and the pipeline: stats, metrics, settings"));
    }

    /**
     * Property names as the services' JSON has them: springdoc reads types with swagger-core's own
     * mapper, which knows nothing of {@code spring.jackson.property-naming-strategy}.
     */
    @Bean
    ModelResolver snakeCaseModelResolver() {
        return new ModelResolver(
                        Json31.mapper()
                                .copy()
                                .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE))
                .openapi31(true);
    }

    /**
     * With security off ({@code pipeline.security.enabled=false}) there are no rules: no scopes.
     */
    @Bean
    OpenApiCustomizer commonAnswers(ObjectProvider<AccessRules> accessRules) {
        return openApi -> {
            if (openApi.getPaths() == null) {
                return;
            }
            openApi.getPaths().remove(ERROR_PATH);
            // springdoc's schema of Spring's ProblemDetail; the answers here name Problem.
            openApi.getComponents().getSchemas().remove("ProblemDetail");
            if (openApi.getTags() != null) {
                openApi.getTags().removeIf(tag -> ACTUATOR_TAG.equals(tag.getName()));
            }
            AccessRules rules = accessRules.getIfAvailable();
            for (var path : openApi.getPaths().entrySet()) {
                for (var operation : path.getValue().readOperationsMap().entrySet()) {
                    Operation op = operation.getValue();
                    system(path.getKey(), op);
                    CommonAnswers.limits(op);
                    op.getResponses().values().forEach(ApiDocumentationAutoConfiguration::asJson);
                    if (rules != null) {
                        secure(rules, operation.getKey().name(), path.getKey(), op);
                    }
                }
            }
        };
    }

    /** The actuator's health and metrics, listed with the service's other system endpoints. */
    private static void system(String path, Operation operation) {
        if (operation.getTags() != null && operation.getTags().remove(ACTUATOR_TAG)) {
            operation.addTagsItem(SYSTEM_TAG);
        }
        if (path.equals(HEALTH_PATH)) {
            operation
                    .getResponses()
                    .addApiResponse(
                            "503",
                            new ApiResponse()
                                    .description(
                                            "DOWN: a component the service needs (db, kafka,"
                                                + " kafkaWrites) is down; the body says which"));
        }
    }

    private static void asJson(ApiResponse answer) {
        if (answer.getContent() != null && answer.getContent().containsKey(ANY_MEDIA_TYPE)) {
            answer.getContent()
                    .addMediaType(
                            MediaType.APPLICATION_JSON_VALUE,
                            answer.getContent().remove(ANY_MEDIA_TYPE));
        }
    }

    private static void secure(AccessRules rules, String method, String path, Operation operation) {
        if (rules.isOpen(path)) {
            operation.setSecurity(List.of(new SecurityRequirement()));
            return;
        }
        String scope = rules.required(method, path).name().toLowerCase(Locale.ROOT);
        operation.setSecurity(List.of(new SecurityRequirement().addList(API_KEY_SCHEME, scope)));
        CommonAnswers.keyCheck(operation, scope);
    }
}
