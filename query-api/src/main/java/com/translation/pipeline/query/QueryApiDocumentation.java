package com.translation.pipeline.query;

import com.translation.pipeline.service.openapi.CommonAnswers;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.media.JsonSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.responses.ApiResponse;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.stereotype.Component;

/**
 * What query-api's OpenAPI document says beyond its controllers' annotations: the page schemas
 * ({@code SessionPage}, {@code TaskPage}: the items are the contract's Session and Task schemas,
 * the rest is what {@code PageWriter} writes), and on every read of {@code /api/v1/translation/**}
 * the optional {@code X-Consistency-Token} header and the {@code X-Consistency} answer header
 * ({@code ConsistencyInterceptor}).
 */
@Component
public class QueryApiDocumentation implements OpenApiCustomizer {

    /** A page of sessions. */
    public static final String SESSION_PAGE = "#/components/schemas/SessionPage";

    /** A page of tasks. */
    public static final String TASK_PAGE = "#/components/schemas/TaskPage";

    /** A session as stored: the contract's Session schema. */
    public static final String SESSION = "#/components/schemas/Session";

    /** A task as stored: the contract's Task schema. */
    public static final String TASK = "#/components/schemas/Task";

    private static final String READS = "/api/v1/translation/";

    /** The operations whose answers wait for their clients in the {@code ResponseSpool}. */
    private static final Set<String> SPOOLED =
            Set.of(
                    "listSessions",
                    "listSessionTasks",
                    "listTasks",
                    "listIncompleteSessions",
                    "restoreSession");

    private final QueryProperties properties;

    QueryApiDocumentation(QueryProperties properties) {
        this.properties = properties;
    }

    /**
     * Lists the values a query parameter of one operation takes (the sets the queries check: a
     * status, a sort column), for the feature that owns them.
     *
     * @param path the operation's path template
     * @param parameter the query parameter's name
     * @param values the values it takes, in the document's order
     */
    public static void restrict(
            OpenAPI openApi, String path, String parameter, Collection<String> values) {
        var item = openApi.getPaths().get(path);
        if (item == null || item.getGet() == null || item.getGet().getParameters() == null) {
            return;
        }
        for (Parameter p : item.getGet().getParameters()) {
            if (p.getName().equals(parameter) && "query".equals(p.getIn())) {
                p.setSchema(
                        new JsonSchema()
                                .types(Set.of("string"))
                                ._enum(new ArrayList<>(new TreeSet<>(values))));
            }
        }
    }

    /**
     * Types {@code property} of component {@code schema} as "null or {@code ref}" (swagger-core
     * writes a nullable reference as {@code "type": "null"} beside the {@code $ref}, which means
     * null only).
     */
    private static void nullableReference(
            OpenAPI openApi, String schema, String property, String ref, String description) {
        Schema<?> owner = openApi.getComponents().getSchemas().get(schema);
        if (owner != null && owner.getProperties() != null) {
            owner.getProperties()
                    .put(
                            property,
                            new JsonSchema()
                                    .description(description)
                                    .anyOf(
                                            List.of(
                                                    new JsonSchema().types(Set.of("null")),
                                                    new JsonSchema().$ref(ref))));
        }
    }

    @Override
    public void customise(OpenAPI openApi) {
        openApi.getComponents()
                .addSchemas("SessionPage", page("sessions", SESSION))
                .addSchemas("TaskPage", page("tasks", TASK));
        // A restore of a session whose tasks arrived first has "session": null.
        nullableReference(
                openApi,
                "Restored",
                "session",
                SESSION,
                "The session; null when only tasks of it are stored yet");
        nullableReference(
                openApi,
                "Stats",
                "replica",
                "#/components/schemas/Replica",
                "The read replica's state; null when none is configured");
        for (var path : openApi.getPaths().entrySet()) {
            if (!path.getKey().startsWith(READS)) {
                continue;
            }
            path.getValue().readOperations().forEach(QueryApiDocumentation::consistency);
            path.getValue().readOperations().forEach(this::typeParameters);
            path.getValue().readOperations().forEach(QueryApiDocumentation::spoolFull);
        }
    }

    /** 503 on the operations whose answers are spooled (query.spool-disk-limit). */
    private static void spoolFull(io.swagger.v3.oas.models.Operation operation) {
        if (!SPOOLED.contains(operation.getOperationId())) {
            return;
        }
        operation
                .getResponses()
                .addApiResponse(
                        "503",
                        CommonAnswers.retryAfter(
                                CommonAnswers.problem(
                                        "Busy, nothing was sent: the answers waiting for their"
                                            + " clients fill the room set aside for them"
                                            + " (query.spool-disk-limit), or as many pages and"
                                            + " restores as may be read at once are being read"
                                            + " (query.max-concurrent-list-reads). Ask again after"
                                            + " Retry-After, or for a smaller page")));
    }

    private static void consistency(io.swagger.v3.oas.models.Operation operation) {
        operation.addParametersItem(
                new Parameter()
                        .in("header")
                        .name("X-Consistency-Token")
                        .required(false)
                        .description(
                                "The consistency_token of an ingest-api answer: the read first"
                                    + " waits (query.consistency-timeout) until the events behind"
                                    + " it are applied")
                        .schema(new JsonSchema().types(Set.of("string"))));
        for (String status : List.of("200", "404")) {
            ApiResponse answer = operation.getResponses().get(status);
            if (answer != null) {
                answer.addHeaderObject(
                        "X-Consistency",
                        new Header()
                                .description(
                                        "With a token only: consistent once the events behind it"
                                                + " are applied, stale when the wait ran out first"
                                                + " (the answer holds what was applied then)")
                                .schema(
                                        new JsonSchema()
                                                .types(Set.of("string"))
                                                ._enum(List.of("consistent", "stale"))));
            }
        }
    }

    /**
     * What the parameters every read shares take: a path {@code id} is the contract's id, a time
     * bound the contract's timestamp, a page size at most {@code query.max-page-size}, a user id at
     * most 64 characters ({@code Parameters}).
     */
    private void typeParameters(io.swagger.v3.oas.models.Operation operation) {
        if (operation.getParameters() == null) {
            return;
        }
        for (Parameter p : operation.getParameters()) {
            String name = p.getName();
            if ("path".equals(p.getIn()) && name.equals("id")) {
                p.setSchema(new JsonSchema().$ref("#/components/schemas/id"));
            } else if (name.endsWith("_from") || name.endsWith("_to")) {
                p.setSchema(new JsonSchema().$ref("#/components/schemas/timestamp"));
                p.setDescription(
                        "An RFC 3339 date-time with an offset and at most microseconds; "
                                + (name.endsWith("_from")
                                        ? "from (inclusive)"
                                        : "until (exclusive)"));
            } else if (name.equals("page_size")) {
                p.setSchema(
                        new JsonSchema()
                                .types(Set.of("integer"))
                                .minimum(BigDecimal.ONE)
                                .maximum(BigDecimal.valueOf(properties.maxPageSize())));
            } else if (name.equals("user_id")) {
                p.setSchema(new JsonSchema().types(Set.of("string")).maxLength(64));
            }
        }
    }

    /**
     * {@code type: [<type>, "null"]} in this order on every start: the document is compared with
     * the committed one, and {@code Set.of} iterates in an order that changes from JVM to JVM.
     */
    private static Set<String> nullable(String type) {
        return new LinkedHashSet<>(List.of(type, "null"));
    }

    @SuppressWarnings({"rawtypes", "unchecked"})
    private static Schema page(String what, String item) {
        return new JsonSchema()
                .types(Set.of("object"))
                .description(
                        "One page of "
                                + what
                                + ": page and total in offset mode, next_cursor whenever more rows"
                                + " may follow (pass it as cursor for the next page, at any depth"
                                + " at the same cost)")
                .addProperty(
                        "items",
                        new JsonSchema().types(Set.of("array")).items(new JsonSchema().$ref(item)))
                .addProperty(
                        "page",
                        new JsonSchema()
                                .types(nullable("integer"))
                                .description("The page number from 1, offset mode only"))
                .addProperty(
                        "page_size",
                        new JsonSchema().types(Set.of("integer")).description("Rows asked"))
                .addProperty(
                        "total",
                        new JsonSchema()
                                .types(nullable("integer"))
                                .description("Rows matching, offset mode only"))
                .addProperty(
                        "next_cursor",
                        new JsonSchema()
                                .types(nullable("string"))
                                .description("The cursor of the next page; null on the last"))
                .required(List.of("items", "page_size"));
    }
}
