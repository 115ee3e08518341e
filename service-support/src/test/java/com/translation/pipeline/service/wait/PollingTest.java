package com.translation.pipeline.service.wait;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class PollingTest {

    @Test
    void returnsTrueOnceTheConditionHolds() {
        AtomicInteger checks = new AtomicInteger();

        boolean held =
                Polling.until(
                        () -> checks.incrementAndGet() == 3,
                        Duration.ofSeconds(5),
                        Duration.ofMillis(1));

        assertThat(held).isTrue();
        assertThat(checks).hasValue(3);
    }

    @Test
    void returnsFalseWhenTheTimeoutPasses() {
        assertThat(Polling.until(() -> false, Duration.ofMillis(20), Duration.ofMillis(5)))
                .isFalse();
    }

    @Test
    void anInterruptEndsTheWaitInsteadOfSpinning() {
        AtomicInteger checks = new AtomicInteger();
        Thread.currentThread().interrupt();

        boolean held =
                Polling.until(
                        () -> checks.incrementAndGet() < 0,
                        Duration.ofSeconds(30),
                        Duration.ofMillis(10));

        assertThat(held).isFalse();
        assertThat(checks).hasValue(1);
        assertThat(Thread.interrupted()).as("the interrupt flag is kept").isTrue();
    }
}
