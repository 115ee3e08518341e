package com.translation.pipeline.schema.db;

import com.translation.pipeline.testsupport.DatabaseServer;
import com.translation.pipeline.testsupport.MySql84Container;
import org.testcontainers.junit.jupiter.Testcontainers;

@Testcontainers(disabledWithoutDocker = true)
class LocalDateTimeBindingMySql84IT extends LocalDateTimeBindingIT {

    @Override
    DatabaseServer server() {
        return MySql84Container.instance();
    }
}
