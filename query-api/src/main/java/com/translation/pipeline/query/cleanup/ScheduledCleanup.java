package com.translation.pipeline.query.cleanup;

import com.translation.pipeline.query.QueryProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The retention cleanup on a schedule: {@code query.cleanup-schedule} (a cron expression, off by
 * default) removes terminal sessions older than {@code query.cleanup-older-than-days}. With several
 * query-api instances, schedule it on one only.
 */
@Component
class ScheduledCleanup {

    private static final Logger log = LoggerFactory.getLogger(ScheduledCleanup.class);

    private final RetentionCleaner cleaner;
    private final QueryProperties properties;

    ScheduledCleanup(RetentionCleaner cleaner, QueryProperties properties) {
        this.cleaner = cleaner;
        this.properties = properties;
    }

    @Scheduled(cron = "${query.cleanup-schedule:-}", zone = "UTC")
    void run() {
        RetentionCleaner.Result result =
                cleaner.clean(new CleanupRequest(properties.cleanupOlderThanDays(), null, false));
        if (result.sessions() > 0 || result.tombstonesPurged() > 0) {
            log.info(
                    "Scheduled cleanup removed {} sessions, {} tasks and {} old tombstones",
                    result.sessions(),
                    result.tasks(),
                    result.tombstonesPurged());
        }
    }
}
