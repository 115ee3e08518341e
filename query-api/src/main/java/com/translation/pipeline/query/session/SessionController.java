package com.translation.pipeline.query.session;

import com.translation.pipeline.query.QueryApiDocumentation;
import com.translation.pipeline.query.QueryProperties;
import com.translation.pipeline.query.paging.ListParameters;
import com.translation.pipeline.query.paging.PageRequest;
import com.translation.pipeline.query.paging.PageStream;
import com.translation.pipeline.query.paging.PageWriter;
import com.translation.pipeline.query.task.TaskFilter;
import com.translation.pipeline.query.task.TaskQueries;
import com.translation.pipeline.query.task.TaskView;
import com.translation.pipeline.query.web.NotFoundException;
import com.translation.pipeline.query.web.Parameters;
import com.translation.pipeline.schema.db.SessionDeletion;
import com.translation.pipeline.schema.jooq.tables.records.TranslationTaskRecord;
import com.translation.pipeline.service.openapi.ApiDocumentationAutoConfiguration;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.jooq.DSLContext;
import org.springdoc.core.annotations.ParameterObject;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Sessions: list, one, a session's tasks, delete. */
@Tag(name = "sessions", description = "Sessions: list, read, delete")
@RestController
@RequestMapping("/api/v1/translation/sessions")
class SessionController {

    private final SessionQueries sessions;
    private final TaskQueries tasks;
    private final PageWriter pages;
    private final DSLContext db;
    private final QueryProperties properties;
    private final Clock clock;

    SessionController(
            SessionQueries sessions,
            TaskQueries tasks,
            PageWriter pages,
            DSLContext db,
            QueryProperties properties,
            Clock clock) {
        this.sessions = sessions;
        this.tasks = tasks;
        this.pages = pages;
        this.db = db;
        this.properties = properties;
        this.clock = clock;
    }

    @Operation(
            operationId = "listSessions",
            summary = "List sessions",
            description = "Filters, sort and offset or keyset (cursor) paging.")
    @ApiResponse(
            responseCode = "200",
            description = "A page of sessions",
            content =
                    @Content(
                            mediaType = "application/json",
                            schema = @Schema(ref = QueryApiDocumentation.SESSION_PAGE)))
    @GetMapping
    void list(
            @RequestParam(required = false) String status,
            @RequestParam(name = "user_id", required = false) String userId,
            @RequestParam(name = "created_from", required = false) String createdFrom,
            @RequestParam(name = "created_to", required = false) String createdTo,
            @RequestParam(name = "updated_from", required = false) String updatedFrom,
            @RequestParam(name = "updated_to", required = false) String updatedTo,
            @ParameterObject ListParameters paging,
            HttpServletResponse response)
            throws IOException {
        SessionFilter filter =
                SessionFilter.of(status, userId, createdFrom, createdTo, updatedFrom, updatedTo);
        pages.write(
                response,
                sessions.list(filter, paging.sortBy(), paging.toPageRequest(properties)),
                SessionView::of);
    }

    @Operation(operationId = "getSession", summary = "One session")
    @ApiResponse(
            responseCode = "200",
            description = "The session as stored",
            content =
                    @Content(
                            mediaType = "application/json",
                            schema = @Schema(ref = QueryApiDocumentation.SESSION)))
    @ApiResponse(
            responseCode = "404",
            description = "No session is stored under this id",
            content =
                    @Content(
                            mediaType = ApiDocumentationAutoConfiguration.PROBLEM_JSON,
                            schema = @Schema(ref = ApiDocumentationAutoConfiguration.PROBLEM)))
    @GetMapping("/{id}")
    SessionView one(@PathVariable String id) {
        Parameters.id("id", id);
        return sessions.find(id).orElseThrow(() -> new NotFoundException("session", id));
    }

    @Operation(
            operationId = "listSessionTasks",
            summary = "A session's tasks, by sequence (tasks without one first), then task_id",
            description =
                    "Also before the session itself is stored: tasks may arrive first. 404 when"
                            + " neither the session nor any task of it is stored.")
    @ApiResponse(
            responseCode = "200",
            description = "A page of the session's tasks",
            content =
                    @Content(
                            mediaType = "application/json",
                            schema = @Schema(ref = QueryApiDocumentation.TASK_PAGE)))
    @ApiResponse(
            responseCode = "404",
            description = "Neither the session nor any task of it is stored",
            content =
                    @Content(
                            mediaType = ApiDocumentationAutoConfiguration.PROBLEM_JSON,
                            schema = @Schema(ref = ApiDocumentationAutoConfiguration.PROBLEM)))
    @GetMapping("/{id}/tasks")
    void tasks(
            @PathVariable String id,
            @Parameter(
                            description = "page number from 1, offset paging",
                            schema = @Schema(type = "integer", minimum = "1"))
                    @RequestParam(required = false)
                    String page,
            @Parameter(
                            description = "rows per page, 1 to the maximum (500)",
                            schema = @Schema(type = "integer", minimum = "1"))
                    @RequestParam(name = "page_size", required = false)
                    String pageSize,
            @RequestParam(required = false) String cursor,
            HttpServletResponse response)
            throws IOException {
        Parameters.id("id", id);
        PageRequest request = pageRequest(page, pageSize, cursor, "asc");
        TaskFilter filter = TaskFilter.ofSession(id);
        PageStream<TranslationTaskRecord> answer = tasks.list(filter, "sequence", request);
        if (!keptIfItShowsAMatch(answer)) {
            // Rare (an unknown id, a session without tasks, a page past the end): the page gave
            // its connection back before the lookups take one, so requests never wait on each other
            // for a second connection of the pool.
            if (!sessions.exists(id) && !tasks.anyOfSession(id)) {
                throw new NotFoundException("session", id);
            }
            answer = tasks.list(filter, "sequence", request);
        }
        pages.write(response, answer, TaskView::of);
    }

    /** Whether {@code page} shows a match; it is closed when not, or when asking fails. */
    private static boolean keptIfItShowsAMatch(PageStream<?> page) {
        boolean matches = false;
        try {
            matches = page.showsAMatch();
            return matches;
        } finally {
            if (!matches) {
                page.close();
            }
        }
    }

    /**
     * @param sessionId the id deleted
     * @param deletedAt when: events of the session with an older updated_at never bring it back
     * @param sessionDeleted whether a stored session was removed
     * @param tasksDeleted how many stored tasks of it were removed
     */
    record Deleted(String sessionId, Instant deletedAt, boolean sessionDeleted, int tasksDeleted) {}

    @Operation(
            operationId = "deleteSession",
            summary = "Delete a session and its tasks",
            description =
                    "Also when the session has not reached the database yet: events older than the"
                            + " delete never bring it back.")
    @DeleteMapping("/{id}")
    Deleted delete(@PathVariable String id) {
        Parameters.id("id", id);
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        SessionDeletion.Deleted removed =
                SessionDeletion.delete(
                        db, List.of(id), LocalDateTime.ofInstant(now, ZoneOffset.UTC));
        return new Deleted(id, now, removed.sessions() > 0, removed.tasks());
    }

    private PageRequest pageRequest(String page, String pageSize, String cursor, String sortOrder) {
        return PageRequest.of(
                page,
                pageSize,
                cursor,
                sortOrder,
                properties.defaultPageSize(),
                properties.maxPageSize());
    }
}
