package com.translation.pipeline.query.session;

import com.translation.pipeline.query.QueryApiDocumentation;
import io.swagger.v3.oas.models.OpenAPI;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.stereotype.Component;

/**
 * The values the session lists' {@code status} and {@code sort_by} take in the OpenAPI document,
 * from the sets the queries check ({@link SessionFilter#STATUSES}, {@link SessionQueries#SORTS}).
 */
@Component
class SessionDocumentation implements OpenApiCustomizer {

    @Override
    public void customise(OpenAPI openApi) {
        String sessions = "/api/v1/translation/sessions";
        QueryApiDocumentation.restrict(openApi, sessions, "status", SessionFilter.STATUSES);
        QueryApiDocumentation.restrict(openApi, sessions, "sort_by", SessionQueries.SORTS.keySet());
        QueryApiDocumentation.restrict(
                openApi,
                "/api/v1/translation/recovery/incomplete-sessions",
                "sort_by",
                SessionQueries.SORTS.keySet());
    }
}
