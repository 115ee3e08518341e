package com.translation.pipeline.query.consistency;

import com.translation.pipeline.query.web.KnownParameters;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Every request of the translation API reads only the parameters it documents, and every read
 * honours a consistency token.
 */
@Configuration(proxyBeanMethods = false)
class ConsistencyConfiguration implements WebMvcConfigurer {

    private final ConsistencyInterceptor interceptor;

    ConsistencyConfiguration(ConsistencyInterceptor interceptor) {
        this.interceptor = interceptor;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(new KnownParameters()).addPathPatterns("/api/v1/translation/**");
        registry.addInterceptor(interceptor).addPathPatterns("/api/v1/translation/**");
    }
}
