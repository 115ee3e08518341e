package com.translation.pipeline.reliability;

import com.translation.pipeline.reliability.RecordRef.Kind;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * What a scenario writes: {@code sessions} sessions, each with {@code tasksPerSession} tasks, every
 * record in versions 1 to {@code versions}. All records of a session belong to one producer, so
 * that one producer's order is the order of the session's Kafka key.
 *
 * @param prefix starts every session id of the scenario, so that its rows and records are told
 *     apart from other scenarios'
 */
record Workload(String prefix, int sessions, int tasksPerSession, int versions) {

    /** The order in which a producer sends its versions. */
    enum SendOrder {
        /** Version 1 of every record, then version 2, ... */
        ASCENDING,
        /** Newest first: every update after the first is stale. */
        DESCENDING,
        /** At random, with a share of the versions sent twice. */
        SHUFFLED_WITH_RESENDS
    }

    static final double RESEND_RATIO = 0.3;

    int events() {
        return sessions * (1 + tasksPerSession) * versions;
    }

    List<RecordRef> records() {
        List<RecordRef> records = new ArrayList<>();
        for (int s = 0; s < sessions; s++) {
            records.addAll(recordsOfSession(s));
        }
        return records;
    }

    private List<RecordRef> recordsOfSession(int index) {
        String sessionId = prefix + "-s" + index;
        List<RecordRef> records = new ArrayList<>();
        records.add(new RecordRef(Kind.SESSION, sessionId, sessionId));
        for (int t = 0; t < tasksPerSession; t++) {
            records.add(new RecordRef(Kind.TASK, sessionId + "-t" + t, sessionId));
        }
        return records;
    }

    /** What producer {@code producer} of {@code producers} sends, in the order it sends it. */
    List<Version> share(int producer, int producers, SendOrder order, Random random) {
        List<RecordRef> mine = new ArrayList<>();
        for (int s = producer; s < sessions; s += producers) {
            mine.addAll(recordsOfSession(s));
        }
        List<Version> versions = new ArrayList<>();
        for (int v = 1; v <= this.versions; v++) {
            for (RecordRef record : mine) {
                versions.add(new Version(record, v));
            }
        }
        switch (order) {
            case ASCENDING -> {}
            case DESCENDING -> Collections.reverse(versions);
            case SHUFFLED_WITH_RESENDS -> {
                int resends = (int) (versions.size() * RESEND_RATIO);
                for (int i = 0; i < resends; i++) {
                    versions.add(versions.get(random.nextInt(versions.size())));
                }
                Collections.shuffle(versions, random);
            }
        }
        return versions;
    }
}
