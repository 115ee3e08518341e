package com.translation.pipeline.service.openapi;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * What a service's OpenAPI document says of itself ({@code pipeline.api.*}): each service's
 * application.yml sets them, the version from the build.
 *
 * @param title the document's title
 * @param description what the service does, in Markdown
 * @param version the project's version
 * @param schemas JSON Schema files on the class path that become component schemas as they are, by
 *     component name ({@code Session: schema/session.v1.json}); operations refer to them by name.
 *     Files they reference are loaded too ({@link JsonSchemaComponents}).
 */
@ConfigurationProperties("pipeline.api")
public record ApiDocumentationProperties(
        @DefaultValue("translation-pipeline") String title,
        @DefaultValue("") String description,
        @DefaultValue("unknown") String version,
        Map<String, String> schemas) {

    public ApiDocumentationProperties {
        schemas = schemas == null ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(schemas));
    }
}
