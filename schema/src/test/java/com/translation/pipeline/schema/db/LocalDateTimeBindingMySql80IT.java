package com.translation.pipeline.schema.db;

import com.translation.pipeline.testsupport.DatabaseServer;
import com.translation.pipeline.testsupport.MySql80Server;

class LocalDateTimeBindingMySql80IT extends LocalDateTimeBindingIT {

    @Override
    DatabaseServer server() {
        return MySql80Server.instance();
    }
}
