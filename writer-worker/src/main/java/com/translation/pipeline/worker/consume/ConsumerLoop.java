package com.translation.pipeline.worker.consume;

import com.translation.pipeline.worker.apply.Applied;
import com.translation.pipeline.worker.apply.BatchApplier;
import com.translation.pipeline.worker.apply.PartitionBatch;
import com.translation.pipeline.worker.apply.WorkerMetrics;
import com.translation.pipeline.worker.offset.OffsetStore;
import com.translation.pipeline.worker.offset.PartitionFencedException;
import com.translation.pipeline.worker.offset.PartitionPositions;
import com.translation.pipeline.worker.offset.PartitionPositions.Position;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetOutOfRangeException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One consumer of the event topics and the only code that moves its offsets: polls, applies what
 * its polls brought in one database transaction with the offsets they cover, then commits the same
 * offsets to Kafka. Runs on its own thread; {@link #stop()} may be called from any.
 *
 * <p>A transaction takes what consecutive polls bring, back to back, until it holds {@code
 * maxBatchRecords} records or {@code maxBatchBytes} bytes or a poll brings nothing more. A poll is
 * small ({@code max.poll.records}), because it is the one thing whose memory nothing else bounds:
 * the client decompresses and hands over that many records, however large (a record of the contract
 * is up to a megabyte; compressed fetch limits say nothing of it). Many small polls make one
 * transaction of thousands of small records, and few make one of a few large ones.
 *
 * <p>The protocol, for each partition it owns:
 *
 * <ol>
 *   <li><b>Assignment.</b> The stored offset is read from the database and the consumer is sent
 *       there (to the log's start when none is stored). If the database cannot be read, the
 *       partition stays paused and unresolved until it can.
 *   <li><b>Continuity.</b> A poll's records of a partition are applied only if the consumer stood
 *       where this loop sent it, or where the polls gathered before it ended; otherwise it is sent
 *       back and the records are dropped, those gathered too. A partition revoked, lost or moved
 *       during a poll loses what was gathered of it. The offset stored is the consumer's position
 *       after the poll, past transaction markers and aborted records, so a partition that ends in a
 *       marker is not left with lag. The move is a compare-and-set from the stored offset ({@link
 *       OffsetStore}), forwards only.
 *   <li><b>Failure.</b> When a poll cannot be applied (database down, deadlock, dead-letter topic
 *       unwritable), nothing of it is stored: every partition is sent back to its stored offset and
 *       paused, and the loop keeps polling (so it stays in its group) through an exponential
 *       backoff, then tries again, for ever. When another worker moved an offset ({@link
 *       PartitionFencedException}) the stored offsets are read again.
 *   <li><b>Kafka's copy.</b> Offsets are committed to Kafka only after the database committed them,
 *       so Kafka's copy is never ahead of the database's; it may lag (a crash between the two
 *       commits, a commit refused during a rebalance) and is brought up after every rebalance and
 *       after any refused commit.
 * </ol>
 */
final class ConsumerLoop implements Runnable {

    private static final Logger log = LoggerFactory.getLogger(ConsumerLoop.class);
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(10);

    private final Consumer<String, byte[]> consumer;
    private final List<String> topics;
    private final BatchApplier applier;
    private final OffsetStore store;
    private final WorkerMetrics metrics;
    private final Backoff backoff;
    private final Backoff resolveBackoff;
    private final Duration pollTimeout;
    private final int maxBatchRecords;
    private final long maxBatchBytes;
    private final KafkaCommits commits;
    private final PartitionPositions positions = new PartitionPositions();
    private final Set<TopicPartition> unresolved = new HashSet<>();

    /** Partitions revoked, assigned or moved during the poll in progress. */
    private final Set<TopicPartition> touched = new HashSet<>();

    private long nextResolveAttempt;
    private volatile boolean running = true;

    ConsumerLoop(
            Consumer<String, byte[]> consumer,
            List<String> topics,
            BatchApplier applier,
            OffsetStore store,
            WorkerMetrics metrics,
            Duration retryInitialInterval,
            Duration retryMaxInterval,
            Duration pollTimeout,
            int maxBatchRecords,
            long maxBatchBytes) {
        this.consumer = consumer;
        this.topics = topics;
        this.applier = applier;
        this.store = store;
        this.metrics = metrics;
        this.backoff = new Backoff(retryInitialInterval, retryMaxInterval);
        this.resolveBackoff = new Backoff(retryInitialInterval, retryMaxInterval);
        this.pollTimeout = pollTimeout;
        this.maxBatchRecords = maxBatchRecords;
        this.maxBatchBytes = maxBatchBytes;
        this.commits = new KafkaCommits(consumer);
    }

    @Override
    public void run() {
        try {
            consumer.subscribe(topics, new Rebalance());
            while (running) {
                try {
                    step();
                } catch (WakeupException e) {
                    throw e;
                } catch (RuntimeException e) {
                    // Kafka unreachable past its timeouts, or a defect: nothing is stored, and the
                    // loop starts over from the stored offsets rather than ending the thread.
                    Duration wait = backoff.next();
                    log.error("Consumer loop failed; retrying in {} ms", wait.toMillis(), e);
                    waitOut(wait);
                }
            }
        } catch (WakeupException e) {
            if (running) {
                throw e;
            }
        } finally {
            consumer.close(CLOSE_TIMEOUT);
        }
    }

    private void step() {
        resolveUnresolved();
        GatheredBatches gathered = new GatheredBatches();
        Duration timeout = pollTimeout;
        while (running) {
            touched.clear();
            Map<TopicPartition, Long> before = fetchPositions();
            ConsumerRecords<String, byte[]> records = poll(timeout);
            gathered.drop(touched);
            gather(records, before, gathered);
            if (records.isEmpty()
                    || gathered.records() >= maxBatchRecords
                    || gathered.bytes() >= maxBatchBytes) {
                break;
            }
            // What the client holds already: the transaction waits for no fetch.
            timeout = Duration.ZERO;
        }
        if (!gathered.isEmpty()) {
            apply(gathered.batches());
        }
        commits.catchUp(positions.stored());
    }

    /** Stops the loop after the poll or batch in progress. */
    void stop() {
        running = false;
        consumer.wakeup();
    }

    /** Where the consumer stands on each partition it is to fetch now. */
    private Map<TopicPartition, Long> fetchPositions() {
        Map<TopicPartition, Long> before = new LinkedHashMap<>();
        Set<TopicPartition> paused = consumer.paused();
        for (TopicPartition partition : consumer.assignment()) {
            if (positions.isResolved(partition) && !paused.contains(partition)) {
                before.put(partition, consumer.position(partition));
            }
        }
        return before;
    }

    private ConsumerRecords<String, byte[]> poll(Duration timeout) {
        try {
            return consumer.poll(timeout);
        } catch (OffsetOutOfRangeException e) {
            e.offsetOutOfRangePartitions().forEach(this::restartOutOfRange);
            return ConsumerRecords.empty();
        }
    }

    /**
     * The stored offset is no longer in the log. When the log now starts after it, the records in
     * between were deleted by retention before this group applied them: that loss is logged and
     * counted, and the partition continues at the log's start. When the log ends before it, the
     * topic was recreated: the partition stays paused until an operator decides.
     */
    private void restartOutOfRange(TopicPartition partition, long stored) {
        touched.add(partition);
        if (!positions.isResolved(partition)) {
            return;
        }
        consumer.seekToBeginning(List.of(partition));
        long start = consumer.position(partition);
        if (start > stored) {
            log.error(
                    "Records {} to {} of {} were deleted by retention before group {} applied"
                            + " them; continuing at {}",
                    stored,
                    start - 1,
                    partition,
                    store.group(),
                    start);
            metrics.records("lost_to_retention", start - stored);
            positions.resolve(partition, positions.get(partition).stored(), start);
        } else {
            log.error(
                    "The stored offset {} of {} is beyond the end of its log: was the topic"
                            + " recreated? The partition stays paused; delete its row in"
                            + " consumer_offset to start it over",
                    stored,
                    partition);
            consumer.pause(List.of(partition));
            positions.forget(List.of(partition));
        }
    }

    /**
     * Adds to {@code gathered} what one poll brought of each partition where the consumer stood
     * where it was sent: its stored position, or the end of what was gathered of it.
     */
    private void gather(
            ConsumerRecords<String, byte[]> records,
            Map<TopicPartition, Long> before,
            GatheredBatches gathered) {
        Set<TopicPartition> assigned = consumer.assignment();
        for (Map.Entry<TopicPartition, Long> started : before.entrySet()) {
            TopicPartition partition = started.getKey();
            if (!assigned.contains(partition) || !positions.isResolved(partition)) {
                continue;
            }
            Position position = positions.get(partition);
            long expected = gathered.next(partition).orElse(position.fetchFrom());
            if (started.getValue() != expected) {
                log.warn(
                        "{} was fetched from {} instead of {}; fetching it again from {}",
                        partition,
                        started.getValue(),
                        expected,
                        position.fetchFrom());
                gathered.drop(List.of(partition));
                consumer.seek(partition, position.fetchFrom());
                continue;
            }
            long after = consumer.position(partition);
            if (after != expected) {
                gathered.add(
                        new PartitionBatch(
                                partition,
                                new OffsetStore.Advance(position.stored(), after),
                                notBefore(partition, records.records(partition), expected)));
            }
        }
        for (TopicPartition partition : records.partitions()) {
            if (!before.containsKey(partition) && positions.isResolved(partition)) {
                // Assigned during this poll: fetched again next time, from its stored offset.
                consumer.seek(partition, positions.get(partition).fetchFrom());
            }
        }
    }

    /**
     * The records from {@code expected} on: earlier ones are applied or gathered already and are
     * skipped (a defence; the consumer is only ever moved by this loop).
     */
    private static List<ConsumerRecord<String, byte[]>> notBefore(
            TopicPartition partition, List<ConsumerRecord<String, byte[]>> polled, long expected) {
        if (polled.isEmpty() || polled.get(0).offset() >= expected) {
            return polled;
        }
        log.warn(
                "{} returned records from {} though it was sent to {}; the earlier ones are"
                        + " skipped",
                partition,
                polled.get(0).offset(),
                expected);
        return polled.stream().filter(r -> r.offset() >= expected).toList();
    }

    private void apply(List<PartitionBatch> batches) {
        try {
            Applied applied = applier.apply(batches);
            applied.stored().forEach(positions::advanced);
            commits.commit(applied.stored());
            backoff.reset();
        } catch (PartitionFencedException e) {
            List<TopicPartition> partitions =
                    batches.stream().map(PartitionBatch::partition).toList();
            log.warn("{}; reading the stored offsets of {} again", e.getMessage(), partitions);
            metrics.records(
                    "fenced", batches.stream().mapToLong(batch -> batch.records().size()).sum());
            positions.forget(partitions);
            resolve(partitions);
        } catch (RuntimeException e) {
            Duration wait = backoff.next();
            log.warn(
                    "A poll of {} records could not be applied; nothing of it is stored, retrying"
                            + " in {} ms: {}",
                    batches.stream().mapToInt(batch -> batch.records().size()).sum(),
                    wait.toMillis(),
                    cause(e));
            waitOut(wait);
        }
    }

    /**
     * Sends every resolved partition back to its stored offset, pauses all and keeps polling for
     * {@code wait} (so the consumer stays in its group), then resumes the resolved ones.
     */
    private void waitOut(Duration wait) {
        rewind(positions.resolved());
        consumer.pause(consumer.assignment());
        long deadline = System.nanoTime() + wait.toNanos();
        while (running && System.nanoTime() < deadline) {
            long remaining = Math.max(1, (deadline - System.nanoTime()) / 1_000_000);
            Duration slice = Duration.ofMillis(Math.min(remaining, pollTimeout.toMillis()));
            try {
                // Partitions assigned during the wait were not paused; their records wait too.
                rewind(poll(slice).partitions());
                consumer.pause(consumer.assignment());
            } catch (WakeupException e) {
                throw e;
            } catch (RuntimeException e) {
                log.warn("Poll failed while waiting: {}", e.toString());
                sleep(slice);
            }
        }
        resumeResolved();
    }

    /** The innermost cause's message: the database's or the broker's own words, without SQL. */
    static String cause(Throwable error) {
        Throwable root = error;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new WakeupException();
        }
    }

    private void rewind(Collection<TopicPartition> partitions) {
        Set<TopicPartition> assigned = consumer.assignment();
        for (TopicPartition partition : partitions) {
            if (assigned.contains(partition) && positions.isResolved(partition)) {
                consumer.seek(partition, positions.get(partition).fetchFrom());
            }
        }
    }

    private void resumeResolved() {
        List<TopicPartition> resume = new ArrayList<>();
        for (TopicPartition partition : consumer.assignment()) {
            if (positions.isResolved(partition)) {
                resume.add(partition);
            }
        }
        consumer.resume(resume);
    }

    /**
     * Reads the stored offsets of these partitions and sends the consumer there (to the log's start
     * where none is stored). When the database or Kafka cannot answer, they stay paused and
     * unresolved, and are tried again after the retry interval.
     */
    private void resolve(Collection<TopicPartition> partitions) {
        Set<TopicPartition> owned = new HashSet<>(partitions);
        owned.retainAll(consumer.assignment());
        if (owned.isEmpty()) {
            return;
        }
        try {
            Map<TopicPartition, Long> stored = store.read(owned);
            List<TopicPartition> fromStart = new ArrayList<>();
            for (TopicPartition partition : owned) {
                Long offset = stored.get(partition);
                if (offset != null) {
                    consumer.seek(partition, offset);
                    positions.resolve(partition, OptionalLong.of(offset), offset);
                } else {
                    fromStart.add(partition);
                }
            }
            // Every partition has a position before the first lookup: with no reset policy, a
            // lookup fails while any assigned partition has none. Never with an empty list: that
            // would send every assigned partition back to its log's start.
            if (!fromStart.isEmpty()) {
                consumer.seekToBeginning(fromStart);
            }
            for (TopicPartition partition : fromStart) {
                positions.resolve(partition, OptionalLong.empty(), consumer.position(partition));
            }
            unresolved.removeAll(owned);
            consumer.resume(owned);
            resolveBackoff.reset();
        } catch (RuntimeException e) {
            log.warn(
                    "Stored offsets of {} unreadable; they stay paused until they can be read: {}",
                    owned,
                    cause(e));
            positions.forget(owned);
            unresolved.addAll(owned);
            consumer.pause(owned);
            // A position, any, so that polls do not fail for want of one; they fetch nothing.
            consumer.seekToBeginning(owned);
            nextResolveAttempt = System.nanoTime() + resolveBackoff.next().toNanos();
        }
    }

    private void resolveUnresolved() {
        unresolved.retainAll(consumer.assignment());
        if (!unresolved.isEmpty() && System.nanoTime() - nextResolveAttempt >= 0) {
            resolve(List.copyOf(unresolved));
        }
    }

    /** Runs inside {@code poll}, on the loop's thread. */
    private final class Rebalance implements ConsumerRebalanceListener {

        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            touched.addAll(partitions);
            positions.forget(partitions);
            unresolved.removeAll(partitions);
        }

        @Override
        public void onPartitionsLost(Collection<TopicPartition> partitions) {
            onPartitionsRevoked(partitions);
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            touched.addAll(partitions);
            positions.forget(partitions);
            resolve(partitions);
            // After every rebalance, with new partitions or none: the moment to bring Kafka's
            // copy of the offsets up where a commit was refused while the rebalance ran.
            commits.catchUpNow(positions.stored());
        }
    }
}
