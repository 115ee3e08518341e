package com.translation.pipeline.service.openapi;

import com.translation.pipeline.service.security.AccessRules;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.oas.models.tags.Tag;
import java.util.List;
import java.util.Locale;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * Every service's OpenAPI document at {@code /v3/api-docs} (Swagger UI at {@code /docs}): its
 * title, version and description, the {@code X-API-Key} security scheme, and on each operation the
 * scope its key needs, read from the service's {@link AccessRules} (OpenAPI 3.1 lets an API key
 * requirement name roles), with the 401 and 403 answers the key check gives. Operations that need
 * no key carry an empty requirement, so Swagger UI's "Authorize" applies to the others only.
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

    private static final String PROBLEM = "#/components/schemas/Problem";

    @Bean
    OpenAPI pipelineOpenApi(ApiDocumentationProperties properties) {
        return new OpenAPI()
                .info(
                        new Info()
                                .title(properties.title())
                                .version(properties.version())
                                .description(properties.description()))
                .components(
                        new Components()
                                .addSecuritySchemes(
                                        API_KEY_SCHEME,
                                        new SecurityScheme()
                                                .type(SecurityScheme.Type.APIKEY)
                                                .in(SecurityScheme.In.HEADER)
                                                .name(AccessRules.KEY_HEADER)
                                                .description(
                                                        "A key with the scope each operation"
                                                                + " names: read, write or admin"
                                                                + " (admin may do everything)."))
                                .addSchemas("Problem", problemSchema()))
                .addTagsItem(
                        new Tag()
                                .name(SYSTEM_TAG)
                                .description(
                                        "The service and the pipeline: stats, metrics, settings"));
    }

    /**
     * With security off ({@code pipeline.security.enabled=false}) there are no rules: no scopes.
     */
    @Bean
    OpenApiCustomizer apiKeyScopes(ObjectProvider<AccessRules> accessRules) {
        return openApi -> {
            AccessRules rules = accessRules.getIfAvailable();
            if (rules == null || openApi.getPaths() == null) {
                return;
            }
            for (var path : openApi.getPaths().entrySet()) {
                for (var operation : path.getValue().readOperationsMap().entrySet()) {
                    secure(rules, operation.getKey().name(), path.getKey(), operation.getValue());
                }
            }
        };
    }

    private static void secure(AccessRules rules, String method, String path, Operation operation) {
        if (rules.isOpen(path)) {
            operation.setSecurity(List.of(new SecurityRequirement()));
            return;
        }
        String scope = rules.required(method, path).name().toLowerCase(Locale.ROOT);
        operation.setSecurity(List.of(new SecurityRequirement().addList(API_KEY_SCHEME, scope)));
        operation
                .getResponses()
                .addApiResponse("401", problem("No API key, or an unknown one"))
                .addApiResponse("403", problem("The key lacks the scope " + scope));
    }

    private static ApiResponse problem(String description) {
        return new ApiResponse()
                .description(description)
                .content(
                        new Content()
                                .addMediaType(
                                        "application/problem+json",
                                        new MediaType().schema(new Schema<>().$ref(PROBLEM))));
    }

    /** RFC 9457 problem details, as every service answers errors. */
    @SuppressWarnings("rawtypes")
    private static Schema problemSchema() {
        return new Schema<>()
                .type("object")
                .description("RFC 9457 problem details")
                .addProperty("type", new Schema<>().type("string"))
                .addProperty("title", new Schema<>().type("string"))
                .addProperty("status", new Schema<>().type("integer"))
                .addProperty("detail", new Schema<>().type("string"))
                .addProperty("instance", new Schema<>().type("string"));
    }
}
