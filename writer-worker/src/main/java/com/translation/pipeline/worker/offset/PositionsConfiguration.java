package com.translation.pipeline.worker.offset;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class PositionsConfiguration {

    @Bean
    PartitionPositions partitionPositions() {
        return new PartitionPositions();
    }
}
