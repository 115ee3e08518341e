package com.translation.pipeline.query;

import com.translation.pipeline.testsupport.MariaDbServer;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

class QueryExactnessMariaDbIT extends QueryExactnessIT {

    @DynamicPropertySource
    static void stack(DynamicPropertyRegistry registry) {
        kafka(registry);
        MariaDbServer.instance().createDatabase().register(registry);
    }
}
