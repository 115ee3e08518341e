package com.translation.pipeline.query;

import com.translation.pipeline.testsupport.EnabledIfMySql80;
import com.translation.pipeline.testsupport.MySql80Server;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

@EnabledIfMySql80
class QueryExactnessMySql80IT extends QueryExactnessIT {

    @DynamicPropertySource
    static void stack(DynamicPropertyRegistry registry) {
        kafka(registry);
        MySql80Server.instance().createDatabase().register(registry);
    }
}
