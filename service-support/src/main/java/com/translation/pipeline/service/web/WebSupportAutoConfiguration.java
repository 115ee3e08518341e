package com.translation.pipeline.service.web;

import com.translation.pipeline.service.system.SystemEndpointsConfiguration;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.core.Ordered;

/** The request limits and the system endpoints that every service of the pipeline has. */
@AutoConfiguration
@ConditionalOnWebApplication
@EnableConfigurationProperties(WebLimitsProperties.class)
@Import(SystemEndpointsConfiguration.class)
public class WebSupportAutoConfiguration {

    @Bean
    FilterRegistrationBean<RequestBodyLimitFilter> requestBodyLimitFilter(
            WebLimitsProperties limits) {
        FilterRegistrationBean<RequestBodyLimitFilter> registration =
                new FilterRegistrationBean<>(
                        new RequestBodyLimitFilter(
                                limits.maxBodySize().toBytes(),
                                limits.maxBodiesInFlight().toBytes(),
                                limits.bodyBudgetWait()));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
        return registration;
    }
}
