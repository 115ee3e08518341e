package com.translation.pipeline.service.security;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import java.util.List;
import java.util.Set;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * API keys and rate limits ({@code pipeline.security.*}), the same in every service.
 *
 * @param enabled false only on a trusted network: then every request is let through
 * @param keys the accepted keys; a service with none refuses to start while enabled
 * @param rateLimit requests per second per key
 */
@Validated
@ConfigurationProperties("pipeline.security")
public record SecurityProperties(
        @DefaultValue("true") boolean enabled,
        @Valid @DefaultValue List<ApiKey> keys,
        @Valid @DefaultValue RateLimit rateLimit) {

    /**
     * One key: give either {@code key} (e.g. from an environment variable) or {@code sha256}, the
     * hex SHA-256 of the key, so that the plain key need not be stored in configuration.
     */
    public record ApiKey(
            @NotBlank String name, String key, String sha256, @NotEmpty Set<Scope> scopes) {}

    /**
     * @param enabled off by default (and in the local run)
     * @param requestsPerSecond sustained rate per key
     * @param burst requests a key may make at once
     */
    public record RateLimit(
            @DefaultValue("false") boolean enabled,
            @Min(1) @DefaultValue("100") int requestsPerSecond,
            @Min(1) @DefaultValue("200") int burst) {}
}
