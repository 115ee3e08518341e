package com.translation.pipeline.worker;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** Consumes session and task events from Kafka and applies them to MySQL exactly once. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class WriterWorkerApplication {

    public static void main(String[] args) {
        SpringApplication.run(WriterWorkerApplication.class, args);
    }
}
