package com.translation.pipeline.ingest.batch;

import static com.translation.pipeline.ingest.batch.ItemMemoryBudget.FREE_BYTES;
import static com.translation.pipeline.ingest.batch.ItemMemoryBudget.SLOT_BYTES;
import static com.translation.pipeline.ingest.batch.ItemMemoryBudget.STEP_BYTES;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ItemMemoryBudgetTest {

    private static final long MIB = 1024 * 1024;

    @Test
    void anItemWithinItsFreeBytesReservesNothing() throws Exception {
        ItemMemoryBudget budget = new ItemMemoryBudget(12 * MIB, Duration.ofMillis(50));
        try (ItemMemoryBudget.Charge charge = budget.charge()) {
            charge.add(FREE_BYTES);
            assertThat(budget.available()).isEqualTo(12 * MIB);
        }
    }

    @Test
    void anItemPastItsFreeBytesTakesASlotThenStepsAndGivesAllBackWhenClosed() throws Exception {
        ItemMemoryBudget budget = new ItemMemoryBudget(12 * MIB, Duration.ofMillis(50));
        try (ItemMemoryBudget.Charge charge = budget.charge()) {
            charge.add(FREE_BYTES + 1);
            assertThat(budget.available()).isEqualTo(12 * MIB - SLOT_BYTES);
            charge.add(SLOT_BYTES - 1);
            assertThat(budget.available()).isEqualTo(12 * MIB - SLOT_BYTES);
            charge.add(1);
            assertThat(budget.available()).isEqualTo(12 * MIB - SLOT_BYTES - STEP_BYTES);
        }
        assertThat(budget.available()).isEqualTo(12 * MIB);
    }

    @Test
    void anItemFindingNoSlotWithinTheWaitFails() throws Exception {
        ItemMemoryBudget budget = new ItemMemoryBudget(12 * MIB, Duration.ofMillis(50));
        try (ItemMemoryBudget.Charge first = budget.charge();
                ItemMemoryBudget.Charge second = budget.charge();
                ItemMemoryBudget.Charge third = budget.charge()) {
            first.add(FREE_BYTES + 1);
            second.add(FREE_BYTES + 1);
            assertThatThrownBy(() -> third.add(FREE_BYTES + 1))
                    .isInstanceOf(ItemMemoryExhaustedException.class)
                    .hasMessageContaining("ingest.max-item-memory-in-flight");
        }
        assertThat(budget.available()).isEqualTo(12 * MIB);
    }

    /** Items that hold a slot do not wait for one another: past its slot an item fails at once. */
    @Test
    void anItemPastItsSlotFindingNoRoomFailsWithoutWaiting() throws Exception {
        ItemMemoryBudget budget = new ItemMemoryBudget(10 * MIB, Duration.ofSeconds(30));
        try (ItemMemoryBudget.Charge first = budget.charge();
                ItemMemoryBudget.Charge second = budget.charge()) {
            first.add(FREE_BYTES + 1);
            second.add(FREE_BYTES + 1);
            long started = System.nanoTime();
            assertThatThrownBy(() -> first.add(SLOT_BYTES))
                    .isInstanceOf(ItemMemoryExhaustedException.class);
            assertThat(Duration.ofNanos(System.nanoTime() - started))
                    .isLessThan(Duration.ofSeconds(5));
        }
        assertThat(budget.available()).isEqualTo(10 * MIB);
    }

    /** Measured trees (see TOKEN_BYTES) stay under the estimate: a two-letter string took 73. */
    @Test
    void theEstimateOfATokenCoversItsNodeAndItsText() {
        assertThat(ItemMemoryBudget.estimate(0)).isEqualTo(80);
        assertThat(ItemMemoryBudget.estimate(2)).isEqualTo(84).isGreaterThan(73);
        assertThat(ItemMemoryBudget.estimate(1000)).isEqualTo(2080);
    }
}
