package com.translation.pipeline.schema.db;

import com.translation.pipeline.testsupport.DatabaseServer;
import com.translation.pipeline.testsupport.EnabledIfMySql80;
import com.translation.pipeline.testsupport.MySql80Server;
import org.jooq.SQLDialect;

@EnabledIfMySql80
class SchemaMigrationMySql80IT extends SchemaMigrationIT {

    @Override
    DatabaseServer server() {
        return MySql80Server.instance();
    }

    @Override
    SQLDialect expectedDialect() {
        return SQLDialect.MYSQL;
    }
}
