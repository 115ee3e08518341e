package com.translation.pipeline.testsupport;

import com.mysql.cj.jdbc.MysqlDataSource;
import javax.sql.DataSource;
import org.springframework.test.context.DynamicPropertyRegistry;

/** A fresh database on a shared {@link DatabaseServer}, owned by one test class. */
public record TestDatabase(DatabaseServer server, String name) {

    public String jdbcUrl() {
        return server.jdbcUrl(name);
    }

    public DataSource dataSource() {
        MysqlDataSource dataSource = new MysqlDataSource();
        dataSource.setURL(jdbcUrl());
        dataSource.setUser(server.username());
        dataSource.setPassword(server.password());
        return dataSource;
    }

    /** Points a Spring Boot test's {@code spring.datasource.*} at this database. */
    public void register(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", this::jdbcUrl);
        registry.add("spring.datasource.username", server::username);
        registry.add("spring.datasource.password", server::password);
    }

    @Override
    public String toString() {
        return name + " on " + server.displayName();
    }
}
