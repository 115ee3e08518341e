package com.translation.pipeline.ingest.flush;

import com.translation.pipeline.ingest.IngestProperties;
import com.translation.pipeline.service.kafka.TopicOffsets;
import com.translation.pipeline.service.wait.Polling;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.TopicPartition;
import org.springframework.stereotype.Component;

/**
 * Read-your-writes barrier: captures the end offsets of the session and task topics at the call,
 * then waits until the writer group's committed offsets reach them. It looks at the topics, not at
 * this process, so it covers events from direct Kafka producers too.
 */
@Component
class FlushBarrier {

    static final Duration POLL_INTERVAL = Duration.ofMillis(100);

    private final TopicOffsets offsets;
    private final IngestProperties properties;

    FlushBarrier(TopicOffsets offsets, IngestProperties properties) {
        this.offsets = offsets;
        this.properties = properties;
    }

    /** The outcome of a flush: how long it waited and how many events were still not applied. */
    record Result(boolean complete, long waitedMs, long pending) {}

    /**
     * @throws com.translation.pipeline.service.kafka.KafkaUnavailableException when Kafka does not
     *     answer
     */
    Result await(Duration timeout) {
        long start = System.nanoTime();
        Map<TopicPartition, Long> targets =
                offsets.latest(List.of(properties.sessionsTopic(), properties.tasksTopic()));
        Map<TopicPartition, Long> floors = offsets.earliest(targets.keySet());
        long[] pending = {Long.MAX_VALUE};
        boolean complete =
                Polling.until(
                        () -> {
                            pending[0] =
                                    pending(
                                            targets,
                                            floors,
                                            offsets.committed(properties.writerGroup()));
                            return pending[0] == 0;
                        },
                        timeout,
                        POLL_INTERVAL);
        long waitedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        return new Result(complete, waitedMs, complete ? 0 : pending[0]);
    }

    /**
     * Events up to the targets not yet committed; a partition never committed counts from its
     * start.
     */
    private static long pending(
            Map<TopicPartition, Long> targets,
            Map<TopicPartition, Long> floors,
            Map<TopicPartition, Long> committed) {
        long pending = 0;
        for (Map.Entry<TopicPartition, Long> target : targets.entrySet()) {
            long applied =
                    committed.getOrDefault(
                            target.getKey(), floors.getOrDefault(target.getKey(), 0L));
            pending += Math.max(0, target.getValue() - applied);
        }
        return pending;
    }
}
