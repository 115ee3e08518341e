package com.translation.pipeline.service.web;

import com.translation.pipeline.service.system.SystemEndpointsConfiguration;
import org.apache.catalina.core.StandardHost;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.core.Ordered;
import org.springframework.http.MediaType;
import org.springframework.http.converter.HttpMessageConverters;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * The request limits, the strict reading of query parameters and the system endpoints that every
 * service of the pipeline has.
 */
// Before Boot's error handling, so that its BasicErrorController sees ProblemErrorController.
@AutoConfiguration(
        beforeName =
                "org.springframework.boot.webmvc.autoconfigure.error.ErrorMvcAutoConfiguration")
@ConditionalOnWebApplication
@EnableConfigurationProperties(WebLimitsProperties.class)
@Import(SystemEndpointsConfiguration.class)
public class WebSupportAutoConfiguration implements WebMvcConfigurer {

    /**
     * An API request whose {@code Accept} takes no JSON is refused with 406 before its endpoint
     * runs ({@link JsonAnswersOnly}). Every API endpoint reads only the parameters it documents,
     * each once and with a value ({@link KnownParameters}), before any other interceptor (a
     * consistency wait) runs.
     */
    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        // First: a request whose answer cannot be delivered does nothing.
        registry.addInterceptor(new JsonAnswersOnly())
                .addPathPatterns("/api/**")
                .order(Ordered.HIGHEST_PRECEDENCE);
        registry.addInterceptor(new KnownParameters())
                .addPathPatterns("/api/**")
                .order(Ordered.HIGHEST_PRECEDENCE);
    }

    /**
     * No YAML answers: springdoc brings jackson-dataformat-yaml, and Spring MVC then answers {@code
     * Accept: application/yaml} in YAML written by a mapper without the services' settings
     * (camelCase names). Every answer is JSON ({@link JsonAnswersOnly}).
     */
    @Override
    public void configureMessageConverters(HttpMessageConverters.ServerBuilder builder) {
        builder.configureMessageConvertersList(
                converters ->
                        converters.removeIf(
                                converter ->
                                        converter.getSupportedMediaTypes().stream()
                                                .anyMatch(
                                                        type ->
                                                                MediaType.APPLICATION_YAML
                                                                        .equalsTypeAndSubtype(
                                                                                type))));
    }

    /**
     * A boolean parameter is {@code true} or {@code false}: Spring alone also reads {@code yes},
     * {@code on} and {@code 1} as true, and {@code ?atomic=yes} is more likely a mistake than a
     * wish.
     */
    @Bean
    StrictBooleanParameters strictBooleanParameters() {
        return new StrictBooleanParameters();
    }

    /**
     * Tomcat's host reports its own errors with {@link ProblemErrorReportValve}: the errors it
     * answers before the application sees the request are problem+json like every other.
     */
    @Bean
    @ConditionalOnClass(StandardHost.class)
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> problemErrorReports() {
        return factory ->
                factory.addContextCustomizers(
                        context -> {
                            if (context.getParent() instanceof StandardHost host) {
                                host.setErrorReportValveClass(
                                        ProblemErrorReportValve.class.getName());
                            }
                        });
    }

    /** Servlet errors (TRACE, sendError, a direct GET /error) as problem+json. */
    @Bean
    ProblemErrorController problemErrorController() {
        return new ProblemErrorController();
    }

    @Bean
    FilterRegistrationBean<RequestBodyLimitFilter> requestBodyLimitFilter(
            WebLimitsProperties limits) {
        FilterRegistrationBean<RequestBodyLimitFilter> registration =
                new FilterRegistrationBean<>(new RequestBodyLimitFilter(limits));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
        return registration;
    }
}
