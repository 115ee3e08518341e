package com.translation.pipeline.reliability;

import java.time.Instant;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.LongAdder;

/**
 * Every version the load sent and what the pipeline answered for it: acknowledged (2xx for the
 * item, or the broker's ack to a direct producer), rejected (4xx), or indeterminate (timeout, 5xx,
 * connection reset: it may or may not have reached Kafka). Also the poison records injected.
 */
final class Ledger {

    private static final class Entry {
        private final BitSet sent = new BitSet();
        private int newestAcknowledged;
    }

    /**
     * One HTTP answer: when its request was sent and answered, its status (-1: none, the connection
     * failed or timed out), whether it named a Retry-After, and how many of its items were
     * accepted.
     */
    record Answer(Instant sent, Instant answered, int status, boolean retryAfter, int accepted) {

        boolean isServerError() {
            return status >= 500 || status < 0;
        }
    }

    private final Map<RecordRef, Entry> entries = new ConcurrentHashMap<>();
    private final Queue<Answer> answers = new ConcurrentLinkedQueue<>();
    private final Set<String> poisonAcknowledged = ConcurrentHashMap.newKeySet();
    private final LongAdder acknowledged = new LongAdder();
    private final LongAdder rejected = new LongAdder();
    private final LongAdder indeterminate = new LongAdder();
    private final LongAdder poisonIndeterminate = new LongAdder();

    void sending(Version version) {
        Entry entry = entries.computeIfAbsent(version.ref(), r -> new Entry());
        synchronized (entry) {
            entry.sent.set(version.number());
        }
    }

    void acknowledged(Version version) {
        acknowledged.increment();
        Entry entry = entries.get(version.ref());
        synchronized (entry) {
            entry.newestAcknowledged = Math.max(entry.newestAcknowledged, version.number());
        }
    }

    void rejected(Version version) {
        rejected.increment();
    }

    void indeterminate(Version version) {
        indeterminate.increment();
    }

    void answered(Answer answer) {
        answers.add(answer);
    }

    /** Every HTTP answer recorded so far, in the order they came. */
    List<Answer> answers() {
        return List.copyOf(answers);
    }

    void poisonAcknowledged(String key) {
        poisonAcknowledged.add(key);
    }

    void poisonSendFailed() {
        poisonIndeterminate.increment();
    }

    Set<RecordRef> records() {
        return entries.keySet();
    }

    /** The newest version of the record that the pipeline acknowledged; 0 when none. */
    int newestAcknowledged(RecordRef record) {
        Entry entry = entries.get(record);
        if (entry == null) {
            return 0;
        }
        synchronized (entry) {
            return entry.newestAcknowledged;
        }
    }

    boolean wasSent(RecordRef record, int number) {
        Entry entry = entries.get(record);
        if (entry == null || number < 0) {
            return false;
        }
        synchronized (entry) {
            return entry.sent.get(number);
        }
    }

    long acknowledged() {
        return acknowledged.sum();
    }

    long rejected() {
        return rejected.sum();
    }

    long indeterminate() {
        return indeterminate.sum();
    }

    Set<String> poisonAcknowledged() {
        return Set.copyOf(poisonAcknowledged);
    }

    long poisonIndeterminate() {
        return poisonIndeterminate.sum();
    }
}
