package com.translation.pipeline.worker;

import com.translation.pipeline.testsupport.EnabledIfMySql80;
import com.translation.pipeline.testsupport.MySql80Server;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

@EnabledIfMySql80
class WriterWorkerHealthMySql80IT extends WriterWorkerHealthIT {

    @DynamicPropertySource
    static void stack(DynamicPropertyRegistry registry) {
        kafka(registry);
        MySql80Server.instance().createDatabase().register(registry);
    }
}
