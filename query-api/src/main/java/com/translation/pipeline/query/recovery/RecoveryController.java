package com.translation.pipeline.query.recovery;

import com.translation.pipeline.query.QueryProperties;
import com.translation.pipeline.query.paging.ListParameters;
import com.translation.pipeline.query.paging.Page;
import com.translation.pipeline.query.session.SessionFilter;
import com.translation.pipeline.query.session.SessionQueries;
import com.translation.pipeline.query.session.SessionView;
import com.translation.pipeline.query.task.TaskQueries;
import com.translation.pipeline.query.task.TaskView;
import com.translation.pipeline.query.web.NotFoundException;
import io.swagger.v3.oas.annotations.Operation;
import java.util.List;
import java.util.Map;
import org.springdoc.core.annotations.ParameterObject;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** What a backend calls after its own restart: what was unfinished, and all of one session. */
@RestController
@RequestMapping("/api/v1/translation/recovery")
class RecoveryController {

    private final SessionQueries sessions;
    private final TaskQueries tasks;
    private final QueryProperties properties;

    RecoveryController(SessionQueries sessions, TaskQueries tasks, QueryProperties properties) {
        this.sessions = sessions;
        this.tasks = tasks;
        this.properties = properties;
    }

    @Operation(
            summary = "Sessions pending, running or paused",
            description = "Filters user_id and updated_from/updated_to.")
    @GetMapping("/incomplete-sessions")
    Page<SessionView> incomplete(
            @RequestParam(name = "user_id", required = false) String userId,
            @RequestParam(name = "updated_from", required = false) String updatedFrom,
            @RequestParam(name = "updated_to", required = false) String updatedTo,
            @ParameterObject ListParameters paging) {
        return sessions.list(
                SessionFilter.incomplete(userId, updatedFrom, updatedTo),
                paging.sortBy(),
                paging.toPageRequest(properties));
    }

    record Restored(SessionView session, List<TaskView> tasks, Map<String, Integer> taskCounts) {}

    @Operation(
            summary =
                    "A whole session: the session, all its tasks by sequence, and counts by status")
    @PostMapping("/restore/{id}")
    Restored restore(@PathVariable String id) {
        SessionView session =
                sessions.find(id).orElseThrow(() -> new NotFoundException("session", id));
        return new Restored(session, tasks.allOfSession(id), tasks.countsByStatus(id));
    }
}
