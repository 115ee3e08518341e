package com.translation.pipeline.query;

import com.translation.pipeline.testsupport.MySql84Container;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.testcontainers.junit.jupiter.Testcontainers;

@Testcontainers(disabledWithoutDocker = true)
class QueryPlanMySql84IT extends QueryPlanIT {

    @DynamicPropertySource
    static void stack(DynamicPropertyRegistry registry) {
        kafka(registry);
        MySql84Container.instance().createDatabase().register(registry);
    }
}
