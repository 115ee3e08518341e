package com.translation.pipeline.query;

import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

@Configuration(proxyBeanMethods = false)
@EnableScheduling
class QueryConfiguration {

    /** Stamps deletes and cleanup cut-offs; a bean so tests can fix time. */
    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }
}
