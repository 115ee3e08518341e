package com.translation.pipeline.service.system;

import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/** Registers the system endpoints, which live outside the services' scanned packages. */
@Configuration(proxyBeanMethods = false)
@Import({SystemMetricsController.class, SystemConfigController.class})
public class SystemEndpointsConfiguration {}
