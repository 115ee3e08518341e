package com.translation.pipeline.worker;

import com.translation.pipeline.testsupport.MySql84Container;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.testcontainers.junit.jupiter.Testcontainers;

@Testcontainers(disabledWithoutDocker = true)
class WriterWorkerHealthMySql84IT extends WriterWorkerHealthIT {

    @DynamicPropertySource
    static void stack(DynamicPropertyRegistry registry) {
        kafka(registry);
        MySql84Container.instance().createDatabase().register(registry);
    }
}
