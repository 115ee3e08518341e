package com.translation.pipeline.query.paging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ListReadsTest {

    @Test
    void asManyTurnsAsThePoolHasConnectionsIsRefusedAtStart() {
        assertThatThrownBy(() -> new ListReads(10, Duration.ofSeconds(2), 10))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("max-concurrent-list-reads (10)")
                .hasMessageContaining("maximum-pool-size (10)");
    }

    @Test
    void aTurnClosedTwiceIsGivenBackOnceAndNoTurnPastTheCapacityIsRefused() {
        ListReads reads = new ListReads(2, Duration.ofMillis(50), 4);

        ListReads.Turn first = reads.acquire();
        ListReads.Turn second = reads.acquire();
        assertThat(reads.available()).isZero();
        assertThatThrownBy(reads::acquire).isInstanceOf(ListReadsBusyException.class);

        first.close();
        first.close();
        assertThat(reads.available()).isEqualTo(1);
        second.close();
        assertThat(reads.available()).isEqualTo(2);
    }
}
