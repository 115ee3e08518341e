package com.translation.pipeline.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** {@link QueryProperties.Replica}'s bounds, which a start with bad settings fails on. */
class ReplicaSettingsTest {

    static final Duration S = Duration.ofSeconds(1);

    @Test
    void noUrlIsNoReplicaAndAMySqlUrlIsOne() {
        assertThat(replica("", S, S, S).configured()).isFalse();
        assertThat(replica("jdbc:mysql://db-2:3306/translation", S, S, S).configured()).isTrue();
    }

    @Test
    void aUrlOtherThanConnectorJsIsRefusedByName() {
        assertThatThrownBy(() -> replica("not-a-url", S, S, S))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("query.replica.url")
                .hasMessageContaining("not-a-url");
    }

    @Test
    void everyTimingBelowItsLeastIsRefusedByName() {
        String url = "jdbc:mysql://db-2/translation";
        assertThatThrownBy(() -> replica(url, Duration.ZERO, S, S))
                .hasMessageContaining("query.replica.check-interval");
        assertThatThrownBy(() -> replica(url, S, Duration.ofMillis(249), S))
                .hasMessageContaining("query.replica.connection-timeout");
        assertThatThrownBy(() -> replica(url, S, S, Duration.ofMillis(999)))
                .hasMessageContaining("query.replica.lock-wait-timeout");
        assertThatThrownBy(
                        () ->
                                new QueryProperties.Replica(
                                        url, "", "", Duration.ofSeconds(-1), S, S, S))
                .hasMessageContaining("query.replica.max-lag");
    }

    private static QueryProperties.Replica replica(
            String url, Duration checkInterval, Duration connectionTimeout, Duration lockWait) {
        return new QueryProperties.Replica(
                url, "", "", Duration.ofSeconds(10), checkInterval, connectionTimeout, lockWait);
    }
}
