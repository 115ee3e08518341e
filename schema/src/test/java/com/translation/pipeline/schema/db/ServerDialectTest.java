package com.translation.pipeline.schema.db;

import static org.assertj.core.api.Assertions.assertThat;

import org.jooq.SQLDialect;
import org.junit.jupiter.api.Test;

class ServerDialectTest {

    @Test
    void mariaDbVersionStringSelectsMariaDbDialect() {
        assertThat(ServerDialect.ofVersion("11.4.5-MariaDB")).isEqualTo(SQLDialect.MARIADB);
        assertThat(ServerDialect.ofVersion("5.5.5-10.11.6-MariaDB-0+deb12u1"))
                .isEqualTo(SQLDialect.MARIADB);
    }

    @Test
    void mySqlVersionStringSelectsMySqlDialect() {
        assertThat(ServerDialect.ofVersion("8.0.31")).isEqualTo(SQLDialect.MYSQL);
        assertThat(ServerDialect.ofVersion("8.4.3")).isEqualTo(SQLDialect.MYSQL);
    }
}
