package com.translation.pipeline.query.paging;

import java.util.List;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** Every list's {@link ListParameters} are read by {@link ListParametersResolver}. */
@Configuration(proxyBeanMethods = false)
class PagingConfiguration implements WebMvcConfigurer {

    @Override
    public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
        resolvers.add(new ListParametersResolver());
    }
}
