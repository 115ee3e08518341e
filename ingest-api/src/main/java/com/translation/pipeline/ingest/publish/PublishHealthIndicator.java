package com.translation.pipeline.ingest.publish;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * The {@code kafkaWrites} component of ingest-api's {@code /health}: DOWN while the newest batch
 * publish had an event Kafka did not acknowledge and is at most {@link #REMEMBERED} old, UP
 * otherwise. The {@code kafka} component only asks whether a broker answers; with a cluster too few
 * of whose replicas are in sync, a broker still answers while no write can be acknowledged, and
 * this component is what says so.
 */
@Component("kafkaWrites")
class PublishHealthIndicator implements HealthIndicator {

    /** How long a failed publish keeps the component DOWN when no later publish succeeded. */
    static final Duration REMEMBERED = Duration.ofSeconds(30);

    private record Outcome(Instant at, String failure) {}

    private final Clock clock;
    private volatile Outcome newest;
    private volatile Instant lastAcknowledged;

    PublishHealthIndicator() {
        this(Clock.systemUTC());
    }

    PublishHealthIndicator(Clock clock) {
        this.clock = clock;
    }

    /**
     * Records the outcome of one publish: {@code failure}, the reason of its first event Kafka did
     * not acknowledge, or null when it acknowledged every one.
     */
    void record(String failure) {
        Instant now = clock.instant();
        if (failure == null) {
            lastAcknowledged = now;
        }
        newest = new Outcome(now, failure);
    }

    @Override
    public Health health() {
        Outcome outcome = newest;
        Instant acknowledged = lastAcknowledged;
        Health.Builder builder =
                outcome != null
                                && outcome.failure() != null
                                && !outcome.at().isBefore(clock.instant().minus(REMEMBERED))
                        ? Health.down()
                                .withDetail("last_failure_at", outcome.at().toString())
                                .withDetail("last_failure", outcome.failure())
                        : Health.up();
        if (acknowledged != null) {
            builder.withDetail("last_acknowledged_at", acknowledged.toString());
        }
        return builder.build();
    }
}
