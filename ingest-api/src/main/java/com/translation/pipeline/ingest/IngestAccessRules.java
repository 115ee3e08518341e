package com.translation.pipeline.ingest;

import com.translation.pipeline.service.security.AccessRules;
import com.translation.pipeline.service.security.Scope;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;

/** Ingest and flush need the {@code write} scope. */
@Configuration(proxyBeanMethods = false)
class IngestAccessRules {

    @Bean
    AccessRules accessRules() {
        return new AccessRules()
                .require(HttpMethod.POST, "/api/v1/translation/sessions/batch", Scope.WRITE)
                .require(HttpMethod.POST, "/api/v1/translation/tasks/batch", Scope.WRITE)
                .require(HttpMethod.POST, "/api/v1/translation/flush", Scope.WRITE);
    }
}
