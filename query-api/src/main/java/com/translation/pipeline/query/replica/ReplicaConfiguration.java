package com.translation.pipeline.query.replica;

import com.translation.pipeline.query.QueryProperties;
import com.zaxxer.hikari.HikariDataSource;
import java.time.Clock;
import java.util.List;
import java.util.Properties;
import javax.sql.DataSource;
import org.jooq.impl.DSL;
import org.jooq.tools.jdbc.JDBCUtils;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.jdbc.autoconfigure.DataSourceProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.core.Ordered;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.web.servlet.HandlerExceptionResolver;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Reads from a replica, when {@code query.replica.url} is set: the primary's pool as Boot would
 * make it ({@code spring.datasource.*}), a read-only pool for the replica, the {@link
 * ReadRoutingDataSource} over both as the service's {@code DataSource} (so Flyway, jOOQ and the
 * health check see the primary unless a request chose the replica), the {@link ReplicaMonitor},
 * {@link ReplicaReads} on every path of the translation API but stats, and {@link ReplicaFailover}
 * first among the exception resolvers. Without the setting none of this exists and every read goes
 * to the one database.
 */
@Configuration(proxyBeanMethods = false)
@Conditional(ReplicaConfiguration.Configured.class)
class ReplicaConfiguration implements WebMvcConfigurer {

    static final String READS = "/api/v1/translation/**";
    static final String STATS = "/api/v1/translation/stats";

    private final ReadRoute route;

    ReplicaConfiguration(ReadRoute route) {
        this.route = route;
    }

    @Bean
    @ConfigurationProperties("spring.datasource.hikari")
    HikariDataSource primaryDataSource(DataSourceProperties properties) {
        HikariDataSource primary =
                properties.initializeDataSourceBuilder().type(HikariDataSource.class).build();
        primary.setPoolName("primary");
        return primary;
    }

    /**
     * The replica's pool: read-only sessions, the primary's pool size and driver settings, a short
     * connection timeout; it connects on first use, so a replica that is down does not stop the
     * service from starting.
     */
    @Bean(defaultCandidate = false, destroyMethod = "close")
    HikariDataSource replicaDataSource(
            QueryProperties properties, HikariDataSource primaryDataSource) {
        QueryProperties.Replica settings = properties.replica();
        boolean ownUser = !settings.username().isBlank();
        HikariDataSource replica = new HikariDataSource();
        replica.setPoolName("replica");
        replica.setJdbcUrl(settings.url());
        replica.setUsername(ownUser ? settings.username() : primaryDataSource.getUsername());
        replica.setPassword(ownUser ? settings.password() : primaryDataSource.getPassword());
        replica.setReadOnly(true);
        replica.setMaximumPoolSize(primaryDataSource.getMaximumPoolSize());
        Properties driver = new Properties();
        driver.putAll(primaryDataSource.getDataSourceProperties());
        replica.setDataSourceProperties(driver);
        long timeout = settings.connectionTimeout().toMillis();
        replica.addDataSourceProperty("connectTimeout", String.valueOf(timeout));
        replica.setConnectionTimeout(timeout);
        replica.setValidationTimeout(Math.max(250, timeout / 2));
        // A read blocked by a table lock (replication applying a schema change) fails after this
        // and is served by the primary (ReplicaFailover).
        replica.setConnectionInitSql(
                "SET SESSION lock_wait_timeout = " + settings.lockWaitTimeout().toSeconds());
        // Start without a connection, and keep none open at rest: the replica may be down when
        // query-api starts, and while it is, no pool thread keeps trying (the monitor does).
        replica.setInitializationFailTimeout(-1);
        replica.setMinimumIdle(0);
        return replica;
    }

    /**
     * The monitor's own way to the replica: a new connection per check, with the pool's driver
     * settings, so that a replica that is down is tried once per check and not by the pool too.
     */
    private static DataSource monitorConnections(
            QueryProperties.Replica settings, HikariDataSource replicaDataSource) {
        DriverManagerDataSource connections =
                new DriverManagerDataSource(
                        settings.url(),
                        replicaDataSource.getUsername(),
                        replicaDataSource.getPassword());
        connections.setConnectionProperties(replicaDataSource.getDataSourceProperties());
        return connections;
    }

    @Bean(initMethod = "start", destroyMethod = "close")
    ReplicaMonitor replicaMonitor(
            QueryProperties properties,
            HikariDataSource primaryDataSource,
            @Qualifier("replicaDataSource") HikariDataSource replicaDataSource,
            Clock clock) {
        QueryProperties.Replica settings = properties.replica();
        return new ReplicaMonitor(
                DSL.using(primaryDataSource, JDBCUtils.dialect(primaryDataSource.getJdbcUrl())),
                DSL.using(
                        monitorConnections(settings, replicaDataSource),
                        JDBCUtils.dialect(settings.url())),
                properties.writerGroup(),
                settings.maxLag(),
                settings.checkInterval(),
                clock);
    }

    @Bean
    @Primary
    DataSource dataSource(
            HikariDataSource primaryDataSource,
            @Qualifier("replicaDataSource") HikariDataSource replicaDataSource,
            ReplicaMonitor replicaMonitor) {
        return new ReadRoutingDataSource(
                primaryDataSource, replicaDataSource, route, replicaMonitor);
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(new ReplicaReads(route))
                .addPathPatterns(READS)
                .excludePathPatterns(STATS)
                .order(Ordered.HIGHEST_PRECEDENCE);
    }

    @Override
    public void extendHandlerExceptionResolvers(List<HandlerExceptionResolver> resolvers) {
        resolvers.add(0, new ReplicaFailover(route));
    }

    /** True when {@code query.replica.url} is set and not blank. */
    static class Configured implements Condition {
        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            return Binder.get(context.getEnvironment())
                    .bind("query.replica.url", String.class)
                    .map(url -> !url.isBlank())
                    .orElse(false);
        }
    }
}
