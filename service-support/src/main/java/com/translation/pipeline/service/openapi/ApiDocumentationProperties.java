package com.translation.pipeline.service.openapi;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * What a service's OpenAPI document says of itself ({@code pipeline.api.*}): each service's
 * application.yml sets them, the version from the build.
 *
 * @param title the document's title
 * @param description what the service does, in Markdown
 * @param version the project's version
 */
@ConfigurationProperties("pipeline.api")
public record ApiDocumentationProperties(
        @DefaultValue("translation-pipeline") String title,
        @DefaultValue("") String description,
        @DefaultValue("unknown") String version) {}
