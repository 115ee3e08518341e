package com.translation.pipeline.service.metrics;

import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/**
 * Registers {@link SystemMetricsController}, which lives outside the services' scanned packages.
 */
@Configuration(proxyBeanMethods = false)
@Import(SystemMetricsController.class)
public class SystemMetricsConfiguration {}
