package com.translation.pipeline.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * What the set check found after a scenario: the counts that must be zero, the dead letters against
 * the poison injected, and the scenario's own figures.
 *
 * @param lost records whose stored version is older than their newest acknowledged one
 * @param stale records whose stored row is not the newest version that reached the topic, or whose
 *     payload is not that version's
 * @param phantom rows of versions nobody sent
 * @param deadLettered distinct poison records in the dead-letter topic
 * @param injected poison records the broker acknowledged
 * @param poisonUnsure poison records whose send failed, which may or may not be in the topic
 * @param deadLetterDuplicates dead letters of the same source record beyond the first
 * @param deadLetteredValid valid events of the scenario found in the dead-letter topic
 * @param poisonStored rows of a poison record's key
 */
record Verdict(
        int scenario,
        long acknowledged,
        long rejected,
        long indeterminate,
        long rows,
        long lost,
        long stale,
        long phantom,
        long deadLettered,
        long injected,
        long poisonUnsure,
        long deadLetterDuplicates,
        long deadLetteredValid,
        long poisonStored,
        Map<String, Object> figures) {

    Verdict with(String figure, Object value) {
        Map<String, Object> more = new LinkedHashMap<>(figures);
        more.put(figure, value);
        return new Verdict(
                scenario,
                acknowledged,
                rejected,
                indeterminate,
                rows,
                lost,
                stale,
                phantom,
                deadLettered,
                injected,
                poisonUnsure,
                deadLetterDuplicates,
                deadLetteredValid,
                poisonStored,
                more);
    }

    /** {@code scenario=<n> acked=<a> lost=0 stale=0 phantom=0 dlq=<d>/<injected>} and figures. */
    String line() {
        String own =
                figures.entrySet().stream()
                        .map(e -> e.getKey() + "=" + e.getValue())
                        .collect(Collectors.joining(" "));
        return String.format(
                "scenario=%d acked=%d lost=%d stale=%d phantom=%d dlq=%d/%d rejected=%d"
                        + " indeterminate=%d rows=%d dlq_duplicates=%d %s",
                scenario,
                acknowledged,
                lost,
                stale,
                phantom,
                deadLettered,
                injected,
                rejected,
                indeterminate,
                rows,
                deadLetterDuplicates,
                own);
    }

    /** Fails unless nothing acknowledged was lost and the dead letters are exactly the poison. */
    void assertHolds() {
        assertThat(lost).as("LOST in %s", line()).isZero();
        assertThat(stale).as("STALE in %s", line()).isZero();
        assertThat(phantom).as("PHANTOM in %s", line()).isZero();
        assertThat(deadLetteredValid).as("valid events dead-lettered in %s", line()).isZero();
        assertThat(poisonStored).as("poison keys stored in %s", line()).isZero();
        assertThat(deadLettered)
                .as("dead letters against poison injected in %s", line())
                .isBetween(injected, injected + poisonUnsure);
        assertThat(rows).as("rows checked in %s", line()).isPositive();
    }
}
