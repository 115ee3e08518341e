package com.translation.pipeline.service.security;

import com.translation.pipeline.service.web.EndpointLookup;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.web.servlet.HandlerMapping;

/** {@code X-API-Key} authentication with scopes, the one mechanism of every service. */
@AutoConfiguration
@ConditionalOnWebApplication
@EnableConfigurationProperties(SecurityProperties.class)
public class SecurityAutoConfiguration {

    private static final Logger log = LoggerFactory.getLogger(SecurityAutoConfiguration.class);

    /** Services declare their own rules; this default only covers the system endpoints. */
    @Bean
    @ConditionalOnMissingBean
    AccessRules accessRules() {
        return new AccessRules();
    }

    @Bean
    FilterRegistrationBean<ApiKeyFilter> apiKeyFilter(
            SecurityProperties properties,
            AccessRules rules,
            ObjectProvider<HandlerMapping> handlerMappings) {
        EndpointLookup endpoints = new EndpointLookup(handlerMappings);
        FilterRegistrationBean<ApiKeyFilter> registration = new FilterRegistrationBean<>();
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 5);
        if (!properties.enabled()) {
            log.warn(
                    "API key authentication is OFF (pipeline.security.enabled=false): every request"
                            + " is allowed");
            registration.setEnabled(false);
            registration.setFilter(
                    new ApiKeyFilter(
                            new ApiKeys(java.util.List.of()),
                            rules,
                            endpoints,
                            properties.rateLimit()));
            return registration;
        }
        ApiKeys keys = new ApiKeys(properties.keys());
        if (keys.isEmpty()) {
            throw new NoApiKeysException();
        }
        registration.setFilter(new ApiKeyFilter(keys, rules, endpoints, properties.rateLimit()));
        return registration;
    }
}
