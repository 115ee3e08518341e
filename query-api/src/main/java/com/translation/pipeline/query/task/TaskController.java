package com.translation.pipeline.query.task;

import com.translation.pipeline.query.QueryApiDocumentation;
import com.translation.pipeline.query.QueryProperties;
import com.translation.pipeline.query.paging.ListParameters;
import com.translation.pipeline.query.paging.PageWriter;
import com.translation.pipeline.query.web.NotFoundException;
import com.translation.pipeline.query.web.Parameters;
import com.translation.pipeline.service.openapi.ApiDocumentationAutoConfiguration;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springdoc.core.annotations.ParameterObject;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Tasks: list and one. */
@Tag(name = "tasks", description = "Tasks: list, read")
@RestController
@RequestMapping("/api/v1/translation/tasks")
class TaskController {

    private final TaskQueries tasks;
    private final PageWriter pages;
    private final QueryProperties properties;

    TaskController(TaskQueries tasks, PageWriter pages, QueryProperties properties) {
        this.tasks = tasks;
        this.pages = pages;
        this.properties = properties;
    }

    @Operation(
            operationId = "listTasks",
            summary = "List tasks",
            description = "sort_by created_at, updated_at, task_id, or sequence (with session_id).")
    @ApiResponse(
            responseCode = "200",
            description = "A page of tasks",
            content =
                    @Content(
                            mediaType = "application/json",
                            schema = @Schema(ref = QueryApiDocumentation.TASK_PAGE)))
    @GetMapping
    void list(
            @RequestParam(name = "session_id", required = false) String sessionId,
            @RequestParam(required = false) String status,
            @RequestParam(name = "created_from", required = false) String createdFrom,
            @RequestParam(name = "created_to", required = false) String createdTo,
            @RequestParam(name = "updated_from", required = false) String updatedFrom,
            @RequestParam(name = "updated_to", required = false) String updatedTo,
            @ParameterObject ListParameters paging,
            HttpServletResponse response)
            throws IOException {
        TaskFilter filter =
                TaskFilter.of(sessionId, status, createdFrom, createdTo, updatedFrom, updatedTo);
        pages.write(
                response,
                tasks.list(filter, paging.sortBy(), paging.toPageRequest(properties)),
                TaskView::of);
    }

    @Operation(operationId = "getTask", summary = "One task")
    @ApiResponse(
            responseCode = "200",
            description = "The task as stored",
            content =
                    @Content(
                            mediaType = "application/json",
                            schema = @Schema(ref = QueryApiDocumentation.TASK)))
    @ApiResponse(
            responseCode = "404",
            description = "No task is stored under this id",
            content =
                    @Content(
                            mediaType = ApiDocumentationAutoConfiguration.PROBLEM_JSON,
                            schema = @Schema(ref = ApiDocumentationAutoConfiguration.PROBLEM)))
    @GetMapping("/{id}")
    TaskView one(@PathVariable String id) {
        Parameters.id("id", id);
        return tasks.find(id).orElseThrow(() -> new NotFoundException("task", id));
    }
}
