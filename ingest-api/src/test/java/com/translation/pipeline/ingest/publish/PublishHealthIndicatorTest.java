package com.translation.pipeline.ingest.publish;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.springframework.boot.health.contributor.Status;

class PublishHealthIndicatorTest {

    private Instant now = Instant.parse("2026-12-01T00:00:00Z");
    private final PublishHealthIndicator health =
            new PublishHealthIndicator(
                    new Clock() {
                        @Override
                        public ZoneOffset getZone() {
                            return ZoneOffset.UTC;
                        }

                        @Override
                        public Clock withZone(java.time.ZoneId zone) {
                            return this;
                        }

                        @Override
                        public Instant instant() {
                            return now;
                        }
                    });

    private static final String ACKNOWLEDGED = null;
    private static final String FAILED = "not acknowledged";

    @Test
    void upBeforeAnyPublish() {
        assertThat(health.health().getStatus()).isEqualTo(Status.UP);
    }

    @Test
    void downWhileTheNewestPublishHadAnEventKafkaDidNotAcknowledge() {
        health.record(ACKNOWLEDGED);
        now = now.plusSeconds(1);
        health.record(FAILED);

        assertThat(health.health().getStatus()).isEqualTo(Status.DOWN);
        assertThat(health.health().getDetails())
                .containsEntry("last_failure", "not acknowledged")
                .containsEntry("last_acknowledged_at", "2026-12-01T00:00:00Z");
    }

    @Test
    void upAgainOnceAPublishIsAcknowledged() {
        health.record(FAILED);
        now = now.plusSeconds(1);
        health.record(ACKNOWLEDGED);

        assertThat(health.health().getStatus()).isEqualTo(Status.UP);
    }

    @Test
    void aFailureIsForgottenAfterThirtySecondsWithoutPublishes() {
        health.record(FAILED);
        now = now.plus(PublishHealthIndicator.REMEMBERED);
        assertThat(health.health().getStatus()).isEqualTo(Status.DOWN);

        now = now.plus(Duration.ofMillis(1));
        assertThat(health.health().getStatus()).isEqualTo(Status.UP);
    }
}
