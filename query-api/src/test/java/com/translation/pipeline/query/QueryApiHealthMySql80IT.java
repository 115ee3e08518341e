package com.translation.pipeline.query;

import com.translation.pipeline.testsupport.EnabledIfMySql80;
import com.translation.pipeline.testsupport.MySql80Server;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

@EnabledIfMySql80
class QueryApiHealthMySql80IT extends QueryApiHealthIT {

    @DynamicPropertySource
    static void stack(DynamicPropertyRegistry registry) {
        MySql80Server.instance().createDatabase().register(registry);
    }
}
