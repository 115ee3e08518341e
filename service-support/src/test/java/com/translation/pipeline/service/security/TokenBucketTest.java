package com.translation.pipeline.service.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class TokenBucketTest {

    private final AtomicLong now = new AtomicLong();

    @Test
    @DisplayName("a full bucket allows its burst at once, then asks the caller to wait")
    void burstThenWait() {
        TokenBucket bucket = new TokenBucket(2, 3, now::get);

        assertThat(bucket.tryTake()).isZero();
        assertThat(bucket.tryTake()).isZero();
        assertThat(bucket.tryTake()).isZero();
        assertThat(bucket.tryTake()).isEqualTo(1);
    }

    @Test
    @DisplayName("tokens come back at the configured rate, never above the burst")
    void refillsAtTheRate() {
        TokenBucket bucket = new TokenBucket(2, 2, now::get);
        bucket.tryTake();
        bucket.tryTake();

        now.addAndGet(500_000_000L);
        assertThat(bucket.tryTake()).isZero();
        assertThat(bucket.tryTake()).isPositive();

        now.addAndGet(60_000_000_000L);
        assertThat(bucket.tryTake()).isZero();
        assertThat(bucket.tryTake()).isZero();
        assertThat(bucket.tryTake()).isPositive();
    }

    @Test
    @DisplayName("at one request a minute the wait is told in whole seconds")
    void waitIsInWholeSeconds() {
        TokenBucket bucket = new TokenBucket(1, 1, now::get);
        bucket.tryTake();

        assertThat(bucket.tryTake()).isEqualTo(1);
    }
}
