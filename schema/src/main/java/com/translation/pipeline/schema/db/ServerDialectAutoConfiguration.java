package com.translation.pipeline.schema.db;

import javax.sql.DataSource;
import org.jooq.DSLContext;
import org.jooq.conf.Settings;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.jooq.autoconfigure.DefaultConfigurationCustomizer;
import org.springframework.boot.jooq.autoconfigure.JooqAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/**
 * Gives every Spring Boot service of the pipeline the jOOQ dialect of the server it is connected to
 * (see {@link ServerDialect}), unless {@code spring.jooq.sql-dialect} names one.
 */
@AutoConfiguration(before = JooqAutoConfiguration.class)
@ConditionalOnClass({DSLContext.class, DefaultConfigurationCustomizer.class})
public class ServerDialectAutoConfiguration {

    static final String DIALECT_PROPERTY = "spring.jooq.sql-dialect";

    @Bean
    DefaultConfigurationCustomizer serverDialectCustomizer(
            DataSource dataSource, Environment environment) {
        return configuration -> {
            if (!environment.containsProperty(DIALECT_PROPERTY)) {
                configuration.set(ServerDialect.of(dataSource));
            }
            Settings ours = ServerDialect.settings();
            configuration
                    .settings()
                    .setReturnIdentityOnUpdatableRecord(ours.isReturnIdentityOnUpdatableRecord());
            configuration.settings().setInListPadding(ours.isInListPadding());
        };
    }
}
