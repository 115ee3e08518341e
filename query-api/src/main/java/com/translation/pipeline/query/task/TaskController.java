package com.translation.pipeline.query.task;

import com.translation.pipeline.query.QueryProperties;
import com.translation.pipeline.query.paging.Page;
import com.translation.pipeline.query.paging.PageRequest;
import com.translation.pipeline.query.web.NotFoundException;
import io.swagger.v3.oas.annotations.Operation;
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
            @RequestParam(name = "sort_by", required = false) String sortBy,
            @RequestParam(name = "sort_order", required = false) String sortOrder,
            @RequestParam(required = false) String page,
            @RequestParam(name = "page_size", required = false) String pageSize,
            @RequestParam(required = false) String cursor) {
        TaskFilter filter =
                TaskFilter.of(sessionId, status, createdFrom, createdTo, updatedFrom, updatedTo);
        return tasks.list(
                filter,
                sortBy,
                PageRequest.of(
                        page,
                        pageSize,
                        cursor,
                        sortOrder,
                        properties.defaultPageSize(),
                        properties.maxPageSize()));
    }

    @GetMapping("/{id}")
    TaskView one(@PathVariable String id) {
        return tasks.find(id).orElseThrow(() -> new NotFoundException("task", id));
    }
}
