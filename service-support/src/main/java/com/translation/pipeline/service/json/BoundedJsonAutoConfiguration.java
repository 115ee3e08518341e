package com.translation.pipeline.service.json;

import java.util.List;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The services' JSON mapper parses within bounds before any work is done: nesting at most 64
 * levels, no string over 4 MiB, duplicate keys rejected, and a number with a fraction is never cut
 * to fit a whole-number field. Spring Boot has no such limits by default (spring-boot #18695), and
 * Jackson 3 fixes them in the factory, which Boot's customizers cannot reach; so the mapper is
 * built here on a bounded factory and Boot's customizers (the {@code spring.jackson.*} settings)
 * are applied to it as usual. The body size is limited while reading by {@link
 * com.translation.pipeline.service.web.RequestBodyLimitFilter}.
 */
@AutoConfiguration(before = JacksonAutoConfiguration.class)
public class BoundedJsonAutoConfiguration {

    public static final int MAX_NESTING_DEPTH = 64;
    public static final int MAX_STRING_LENGTH = 4 * 1024 * 1024;

    @Bean
    @Primary
    JsonMapper boundedJsonMapper(List<JsonMapperBuilderCustomizer> customizers) {
        JsonFactory factory =
                JsonFactory.builder()
                        .streamReadConstraints(
                                StreamReadConstraints.builder()
                                        .maxNestingDepth(MAX_NESTING_DEPTH)
                                        .maxStringLength(MAX_STRING_LENGTH)
                                        .build())
                        .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                        .build();
        JsonMapper.Builder builder = JsonMapper.builder(factory);
        customizers.forEach(customizer -> customizer.customize(builder));
        // 1.5 for a whole number is refused, not cut to 1; "5" is not a number and 0 is not
        // false: a request means what it says or is refused.
        builder.disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT);
        builder.disable(MapperFeature.ALLOW_COERCION_OF_SCALARS);
        return builder.build();
    }
}
