package com.translation.pipeline.query;

import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class QueryConfiguration {

    /** Stamps deletes and cleanup cut-offs; a bean so tests can fix time. */
    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }
}
