package com.translation.pipeline.query.task;

import com.translation.pipeline.query.QueryProperties;
import com.translation.pipeline.query.paging.ListParameters;
import com.translation.pipeline.query.paging.Page;
import com.translation.pipeline.query.web.NotFoundException;
import io.swagger.v3.oas.annotations.Operation;
import org.springdoc.core.annotations.ParameterObject;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Tasks: list and one. */
@RestController
@RequestMapping("/api/v1/translation/tasks")
class TaskController {

    private final TaskQueries tasks;
    private final QueryProperties properties;

    TaskController(TaskQueries tasks, QueryProperties properties) {
        this.tasks = tasks;
        this.properties = properties;
    }

    @Operation(
            summary = "List tasks",
            description = "sort_by created_at, updated_at, task_id, or sequence (with session_id).")
    @GetMapping
    Page<TaskView> list(
            @RequestParam(name = "session_id", required = false) String sessionId,
            @RequestParam(required = false) String status,
            @RequestParam(name = "created_from", required = false) String createdFrom,
            @RequestParam(name = "created_to", required = false) String createdTo,
            @RequestParam(name = "updated_from", required = false) String updatedFrom,
            @RequestParam(name = "updated_to", required = false) String updatedTo,
            @ParameterObject ListParameters paging) {
        TaskFilter filter =
                TaskFilter.of(sessionId, status, createdFrom, createdTo, updatedFrom, updatedTo);
        return tasks.list(filter, paging.sortBy(), paging.toPageRequest(properties));
    }

    @GetMapping("/{id}")
    TaskView one(@PathVariable String id) {
        return tasks.find(id).orElseThrow(() -> new NotFoundException("task", id));
    }
}
