package com.translation.pipeline.service.db;

import java.sql.DriverManager;
import java.time.Duration;
import java.util.Properties;
import javax.sql.DataSource;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/**
 * The bounded {@code db} health component ({@link DatabaseHealthIndicator}) for every service with
 * a database, in place of Boot's (which backs off for a bean of this name).
 */
@AutoConfiguration(
        afterName = "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration",
        beforeName =
                "org.springframework.boot.jdbc.autoconfigure.health"
                        + ".DataSourceHealthContributorAutoConfiguration")
@ConditionalOnBean(DataSource.class)
public class DatabaseHealthAutoConfiguration {

    /** A database that takes longer than this to validate a connection is reported DOWN. */
    static final Duration TIMEOUT = Duration.ofSeconds(1);

    /**
     * The check's own connection is opened as the service's pool opens its connections, from {@code
     * spring.datasource.url}, {@code username} and {@code password}, with a connect timeout of the
     * check's bound; without a URL there (a data source defined otherwise) the check keeps one of
     * {@code dataSource}'s connections.
     */
    @Bean
    DatabaseHealthIndicator dbHealthIndicator(DataSource dataSource, Environment environment) {
        String url = environment.getProperty("spring.datasource.url");
        if (url == null) {
            return new DatabaseHealthIndicator(dataSource::getConnection, TIMEOUT);
        }
        Properties login = new Properties();
        login.setProperty("user", environment.getProperty("spring.datasource.username", ""));
        login.setProperty("password", environment.getProperty("spring.datasource.password", ""));
        // Connector/J's and MariaDB Connector/J's name for it, in milliseconds.
        login.setProperty("connectTimeout", Long.toString(TIMEOUT.toMillis()));
        return new DatabaseHealthIndicator(() -> DriverManager.getConnection(url, login), TIMEOUT);
    }
}
