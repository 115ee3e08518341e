package com.translation.pipeline.schema.db;

import com.translation.pipeline.testsupport.DatabaseServer;
import com.translation.pipeline.testsupport.MariaDbServer;
import org.jooq.SQLDialect;

class SchemaMigrationMariaDbIT extends SchemaMigrationIT {

    @Override
    DatabaseServer server() {
        return MariaDbServer.instance();
    }

    @Override
    SQLDialect expectedDialect() {
        return SQLDialect.MARIADB;
    }
}
