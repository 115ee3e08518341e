package com.translation.pipeline.query.recovery;

import com.translation.pipeline.query.QueryApiDocumentation;
import com.translation.pipeline.query.QueryProperties;
import com.translation.pipeline.query.paging.ListParameters;
import com.translation.pipeline.query.paging.PageWriter;
import com.translation.pipeline.query.session.SessionFilter;
import com.translation.pipeline.query.session.SessionQueries;
import com.translation.pipeline.query.session.SessionView;
import com.translation.pipeline.query.task.SessionTasks;
import com.translation.pipeline.query.task.TaskQueries;
import com.translation.pipeline.query.task.TaskView;
import com.translation.pipeline.query.web.NotFoundException;
import com.translation.pipeline.query.web.Parameters;
import com.translation.pipeline.query.web.ResponseSpool;
import com.translation.pipeline.schema.jooq.tables.records.TranslationTaskRecord;
import com.translation.pipeline.service.openapi.ApiDocumentationAutoConfiguration;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springdoc.core.annotations.ParameterObject;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.json.JsonMapper;

/** What a backend calls after its own restart: what was unfinished, and all of one session. */
@Tag(name = "recovery", description = "Recovery after a backend restart")
@RestController
@RequestMapping("/api/v1/translation/recovery")
class RecoveryController {

    private final SessionQueries sessions;
    private final TaskQueries tasks;
    private final PageWriter pages;
    private final JsonMapper json;
    private final QueryProperties properties;
    private final ResponseSpool spool;

    RecoveryController(
            SessionQueries sessions,
            TaskQueries tasks,
            PageWriter pages,
            JsonMapper json,
            QueryProperties properties,
            ResponseSpool spool) {
        this.sessions = sessions;
        this.tasks = tasks;
        this.pages = pages;
        this.json = json;
        this.properties = properties;
        this.spool = spool;
    }

    @Operation(
            operationId = "listIncompleteSessions",
            summary = "Sessions pending, running or paused",
            description = "Filters user_id and updated_from/updated_to.")
    @ApiResponse(
            responseCode = "200",
            description = "A page of sessions",
            content =
                    @Content(
                            mediaType = "application/json",
                            schema = @Schema(ref = QueryApiDocumentation.SESSION_PAGE)))
    @GetMapping("/incomplete-sessions")
    void incomplete(
            @RequestParam(name = "user_id", required = false) String userId,
            @RequestParam(name = "updated_from", required = false) String updatedFrom,
            @RequestParam(name = "updated_to", required = false) String updatedTo,
            @ParameterObject ListParameters paging,
            HttpServletResponse response)
            throws IOException {
        pages.write(
                response,
                sessions.list(
                        SessionFilter.incomplete(userId, updatedFrom, updatedTo),
                        paging.sortBy(),
                        paging.toPageRequest(properties)),
                SessionView::of);
    }

    /**
     * A restore's answer, as documented; it is written as the tasks are read.
     *
     * @param session the session; null when only tasks of it are stored yet
     * @param sessionFound whether the session itself is stored
     * @param taskCounts the session's tasks by status
     * @param tasks all its tasks, by sequence
     */
    record Restored(
            @Schema(
                            ref = QueryApiDocumentation.SESSION,
                            description = "The session; null when only tasks of it are stored yet")
                    SessionView session,
            boolean sessionFound,
            Map<String, Integer> taskCounts,
            @ArraySchema(schema = @Schema(ref = QueryApiDocumentation.TASK))
                    List<TaskView> tasks) {}

    @Operation(
            operationId = "restoreSession",
            summary =
                    "A whole session: the session, counts of its tasks by status, and all its"
                            + " tasks by sequence (tasks without one first)",
            description =
                    "Tasks may arrive before their session: session_found false and session null"
                            + " then, with the tasks stored so far. 404 when neither is stored. The"
                            + " tasks are written as they are read, to memory and then a temporary"
                            + " file, so a session of any size is answered in constant memory; 503"
                            + " with Retry-After when the answers waiting for their clients fill"
                            + " the room set aside for them.")
    @ApiResponse(
            responseCode = "200",
            description = "The session, its tasks' counts and its tasks",
            content =
                    @Content(
                            mediaType = "application/json",
                            schema = @Schema(implementation = Restored.class)))
    @ApiResponse(
            responseCode = "404",
            description = "Neither the session nor any task of it is stored",
            content =
                    @Content(
                            mediaType = ApiDocumentationAutoConfiguration.PROBLEM_JSON,
                            schema = @Schema(ref = ApiDocumentationAutoConfiguration.PROBLEM)))
    @PostMapping("/restore/{id}")
    void restore(@PathVariable String id, HttpServletResponse response) throws IOException {
        Parameters.id("id", id);
        Optional<SessionView> session = sessions.find(id);
        Map<String, Integer> counts = tasks.countsByStatus(id);
        if (session.isEmpty() && counts.isEmpty()) {
            throw new NotFoundException("session", id);
        }
        // The tasks' connection is back in the pool before the client reads a byte.
        spool.send(
                response,
                MediaType.APPLICATION_JSON_VALUE,
                stream -> {
                    try (SessionTasks all = tasks.allOfSession(id);
                            JsonGenerator out = json.createGenerator(stream)) {
                        out.writeStartObject();
                        out.writePOJOProperty("session", session.orElse(null));
                        out.writeBooleanProperty("session_found", session.isPresent());
                        out.writePOJOProperty("task_counts", counts);
                        out.writeName("tasks");
                        out.writeStartArray();
                        for (TranslationTaskRecord row : all.rows()) {
                            out.writePOJO(TaskView.of(row));
                        }
                        out.writeEndArray();
                        out.writeEndObject();
                    }
                });
    }
}
