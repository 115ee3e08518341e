package com.translation.pipeline.worker.consume;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

class LoopThreadsTest {

    @Test
    void aLoopThatEndsByAnErrorWhileTheLoopsRunIsNamedAndHealthIsDown() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        Runnable waits = () -> awaitQuietly(release);
        Runnable fails =
                () -> {
                    throw new NoClassDefFoundError("a defect in a loop");
                };
        LoopThreads threads = new LoopThreads();
        threads.start("loop-", List.of(waits, fails, waits));

        await().atMost(Duration.ofSeconds(10)).until(() -> !threads.ended().isEmpty());
        assertThat(threads.ended()).containsExactly("loop-1");
        assertThat(threads.anyAlive()).isTrue();
        Health health = health(threads);
        assertThat(health.getStatus()).isEqualTo(Status.DOWN);
        assertThat(health.getDetails())
                .containsEntry("ended", List.of("loop-1"))
                .containsEntry("loops", 3);

        release.countDown();
        threads.stop(Duration.ofSeconds(10));
        assertThat(threads.anyAlive()).isFalse();
        assertThat(threads.ended()).isEmpty();
        assertThat(threads.started()).isZero();
    }

    @Test
    void loopsThatRunOrWereStoppedAreHealthy() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        LoopThreads threads = new LoopThreads();
        threads.start("loop-", List.of(() -> awaitQuietly(release), () -> awaitQuietly(release)));

        assertThat(threads.ended()).isEmpty();
        Health running = health(threads);
        assertThat(running.getStatus()).isEqualTo(Status.UP);
        assertThat(running.getDetails()).containsEntry("loops", 2);

        // A loop ends when it is told to stop: that end is not a failure.
        release.countDown();
        threads.stop(Duration.ofSeconds(10));
        assertThat(threads.ended()).isEmpty();
        assertThat(health(threads).getStatus()).isEqualTo(Status.UP);
    }

    private static Health health(LoopThreads threads) {
        return ConsumerLoopsHealthIndicator.report(
                        Health.unknown(), threads.ended(), threads.started())
                .build();
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
