package com.translation.pipeline.query.task;

import com.translation.pipeline.query.QueryApiDocumentation;
import io.swagger.v3.oas.models.OpenAPI;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.stereotype.Component;

/**
 * The values the task list's {@code status} and {@code sort_by} take in the OpenAPI document, from
 * the sets the queries check ({@link TaskFilter#STATUSES}, {@link TaskQueries#SORTS}).
 */
@Component
class TaskDocumentation implements OpenApiCustomizer {

    @Override
    public void customise(OpenAPI openApi) {
        String tasks = "/api/v1/translation/tasks";
        QueryApiDocumentation.restrict(openApi, tasks, "status", TaskFilter.STATUSES);
        QueryApiDocumentation.restrict(openApi, tasks, "sort_by", TaskQueries.SORTS.keySet());
        openApi.getPaths().get(tasks).getGet().getParameters().stream()
                .filter(p -> p.getName().equals("sort_by"))
                .forEach(
                        p ->
                                p.setDescription(
                                        "the column to sort by; sequence needs the session_id"
                                                + " filter"));
    }
}
