package com.translation.pipeline.query;

import com.translation.pipeline.service.security.AccessRules;
import com.translation.pipeline.service.security.Scope;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;

/** Queries, stats and recovery need {@code read}; delete and cleanup need {@code admin}. */
@Configuration(proxyBeanMethods = false)
class QueryAccessRules {

    @Bean
    AccessRules accessRules() {
        return new AccessRules()
                .require(HttpMethod.GET, "/api/v1/translation/**", Scope.READ)
                .require(HttpMethod.POST, "/api/v1/translation/recovery/restore/*", Scope.READ)
                .require(HttpMethod.DELETE, "/api/v1/translation/sessions/*", Scope.ADMIN)
                .require(HttpMethod.POST, "/api/v1/translation/sessions/cleanup", Scope.ADMIN);
    }
}
