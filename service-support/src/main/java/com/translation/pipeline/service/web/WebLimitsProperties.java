package com.translation.pipeline.service.web;

import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * Limits every request of every service meets before any work is done.
 *
 * @param maxBodySize the largest request body; larger ones get 413 while being read
 */
@Validated
@ConfigurationProperties("pipeline.web")
public record WebLimitsProperties(@NotNull @DefaultValue("16MB") DataSize maxBodySize) {}
