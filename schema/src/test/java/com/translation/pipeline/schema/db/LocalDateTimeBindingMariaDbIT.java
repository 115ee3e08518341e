package com.translation.pipeline.schema.db;

import com.translation.pipeline.testsupport.DatabaseServer;
import com.translation.pipeline.testsupport.MariaDbServer;

class LocalDateTimeBindingMariaDbIT extends LocalDateTimeBindingIT {

    @Override
    DatabaseServer server() {
        return MariaDbServer.instance();
    }
}
