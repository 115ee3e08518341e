package com.translation.pipeline.schema.db;

import com.translation.pipeline.testsupport.DatabaseServer;
import com.translation.pipeline.testsupport.EnabledIfMySql80;
import com.translation.pipeline.testsupport.MySql80Server;

@EnabledIfMySql80
class SessionDeletionMySql80IT extends SessionDeletionIT {

    @Override
    DatabaseServer server() {
        return MySql80Server.instance();
    }
}
