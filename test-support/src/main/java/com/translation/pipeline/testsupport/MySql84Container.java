package com.translation.pipeline.testsupport;

import org.testcontainers.mysql.MySQLContainer;

/**
 * MySQL 8.4, the production target, in a Testcontainers container started once per JVM. Only where
 * a Docker engine exists: test classes that use it carry
 * {@code @Testcontainers(disabledWithoutDocker = true)} and are skipped cleanly elsewhere.
 */
public final class MySql84Container implements DatabaseServer {

    private final MySQLContainer container;

    private MySql84Container(MySQLContainer container) {
        this.container = container;
    }

    public static MySql84Container instance() {
        return Holder.INSTANCE;
    }

    @Override
    public String displayName() {
        return "MySQL 8.4";
    }

    @Override
    public String jdbcUrl(String database) {
        return "jdbc:mysql://"
                + container.getHost()
                + ":"
                + container.getMappedPort(MySQLContainer.MYSQL_PORT)
                + "/"
                + database
                + "?useSSL=false&allowPublicKeyRetrieval=true";
    }

    @Override
    public String username() {
        return "root";
    }

    @Override
    public String password() {
        return container.getPassword();
    }

    private static final class Holder {
        static final MySql84Container INSTANCE = start();

        private static MySql84Container start() {
            MySQLContainer container =
                    new MySQLContainer("mysql:8.4")
                            .withUsername("root")
                            .withCommand("--transaction-isolation=" + DatabaseServer.ISOLATION);
            container.start();
            return new MySql84Container(container);
        }
    }
}
