package com.translation.pipeline.worker;

import com.translation.pipeline.testsupport.MariaDbServer;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

class WriterWorkerHealthMariaDbIT extends WriterWorkerHealthIT {

    @DynamicPropertySource
    static void stack(DynamicPropertyRegistry registry) {
        kafka(registry);
        MariaDbServer.instance().createDatabase().register(registry);
    }
}
