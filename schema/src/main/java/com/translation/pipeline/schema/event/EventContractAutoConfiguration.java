package com.translation.pipeline.schema.event;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/** One {@link EventValidator} per Spring Boot service (loading the schemas is not free). */
@AutoConfiguration
public class EventContractAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    EventValidator eventValidator() {
        return EventValidator.create();
    }
}
