package com.translation.pipeline.query.replica;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReplicaLagTest {

    static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");

    final ReplicaLag lag = new ReplicaLag(10);

    @Test
    void aReplicaThatHasTheLatestOffsetsIsNotBehind() {
        lag.primary(T0, Map.of("s-0", 5L, "s-1", 7L));

        assertThat(lag.replica(Map.of("s-0", 5L, "s-1", 9L)))
                .isEqualTo(new ReplicaLag.Measurement(0, Duration.ZERO));
    }

    @Test
    void eventsBehindAreSummedOverPartitionsAndAPartitionItLacksCountsFromZero() {
        lag.primary(T0, Map.of("s-0", 5L, "s-1", 7L, "t-0", 3L));

        assertThat(lag.replica(Map.of("s-0", 2L, "s-1", 9L)).events()).isEqualTo(3 + 3);
    }

    @Test
    void timeBehindIsFromTheNewestCheckTheReplicaHasReached() {
        lag.primary(T0, Map.of("s-0", 1L));
        lag.primary(T0.plusSeconds(1), Map.of("s-0", 2L));
        lag.primary(T0.plusSeconds(2), Map.of("s-0", 3L));

        // It has the first two checks' events, not the third's.
        assertThat(lag.replica(Map.of("s-0", 2L)))
                .isEqualTo(new ReplicaLag.Measurement(1, Duration.ofSeconds(1)));
    }

    @Test
    void aSteadySmallLagStaysWithinOneCheckInterval() {
        // The replica always applies what the primary had one check earlier.
        for (int i = 1; i <= 20; i++) {
            lag.primary(T0.plusSeconds(i), Map.of("s-0", i * 100L));
            ReplicaLag.Measurement measured = lag.replica(Map.of("s-0", (i - 1) * 100L));
            if (i > 1) {
                assertThat(measured.behind()).isEqualTo(Duration.ofSeconds(1));
                assertThat(measured.events()).isEqualTo(100);
            }
        }
    }

    @Test
    void aReplicaThatStoppedFallsFurtherBehindAtEveryCheck() {
        lag.primary(T0, Map.of("s-0", 1L));
        assertThat(lag.replica(Map.of("s-0", 1L)).behind()).isZero();
        for (int i = 1; i <= 5; i++) {
            lag.primary(T0.plusSeconds(i), Map.of("s-0", 1L + i));
            assertThat(lag.replica(Map.of("s-0", 1L)).behind()).isEqualTo(Duration.ofSeconds(i));
        }
    }

    @Test
    void aPrimaryAtRestShowsNoLagHoweverLongAgoItWrote() {
        lag.primary(T0, Map.of("s-0", 4L));
        lag.primary(T0.plus(Duration.ofHours(5)), Map.of("s-0", 4L));

        assertThat(lag.replica(Map.of("s-0", 4L)).behind()).isZero();
    }

    @Test
    void pastTheChecksItKeepsTheLagIsAtLeastTheOldestKept() {
        ReplicaLag short3 = new ReplicaLag(3);
        for (int i = 1; i <= 6; i++) {
            short3.primary(T0.plusSeconds(i), Map.of("s-0", (long) i));
        }

        // Checks 4 to 6 are kept; the replica has reached none of them.
        assertThat(short3.replica(Map.of("s-0", 0L)))
                .isEqualTo(new ReplicaLag.Measurement(6, Duration.ofSeconds(2)));
    }

    @Test
    void aMeasureWithoutThePrimarysOffsetsIsRefused() {
        assertThatThrownBy(() -> lag.replica(Map.of())).isInstanceOf(IllegalStateException.class);
    }
}
