package com.translation.pipeline.schema.db;

import com.translation.pipeline.testsupport.DatabaseServer;
import com.translation.pipeline.testsupport.MySql84Container;
import org.jooq.SQLDialect;
import org.testcontainers.junit.jupiter.Testcontainers;

@Testcontainers(disabledWithoutDocker = true)
class SchemaMigrationMySql84IT extends SchemaMigrationIT {

    @Override
    DatabaseServer server() {
        return MySql84Container.instance();
    }

    @Override
    SQLDialect expectedDialect() {
        return SQLDialect.MYSQL;
    }
}
