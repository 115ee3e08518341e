package com.translation.pipeline.service.db;

import java.time.Duration;
import javax.sql.DataSource;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.context.annotation.Bean;

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

    @Bean
    DatabaseHealthIndicator dbHealthIndicator(DataSource dataSource) {
        return new DatabaseHealthIndicator(dataSource, TIMEOUT);
    }
}
