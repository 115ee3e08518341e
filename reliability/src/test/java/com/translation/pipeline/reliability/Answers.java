package com.translation.pipeline.reliability;

import com.translation.pipeline.reliability.Ledger.Answer;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;

/** The HTTP answers of one scenario over time, for the figures of a fault's window. */
record Answers(List<Answer> all) {

    static Answers of(Ledger ledger) {
        return new Answers(ledger.answers());
    }

    /** Answers that were a 5xx or no answer at all. */
    List<Answer> serverErrors() {
        return all.stream().filter(Answer::isServerError).toList();
    }

    /** From the first 5xx's request to the last 5xx's answer; zero when there was none. */
    Duration serverErrorSpan() {
        List<Answer> errors = serverErrors();
        if (errors.isEmpty()) {
            return Duration.ZERO;
        }
        Instant first = errors.stream().map(Answer::sent).min(Comparator.naturalOrder()).get();
        Instant last = errors.stream().map(Answer::answered).max(Comparator.naturalOrder()).get();
        return Duration.between(first, last);
    }

    /** Items accepted by answers that came between {@code from} and {@code to}. */
    long acceptedAnsweredBetween(Instant from, Instant to) {
        return all.stream()
                .filter(a -> !a.answered().isBefore(from) && a.answered().isBefore(to))
                .mapToLong(Answer::accepted)
                .sum();
    }

    /**
     * Milliseconds from {@code after} to the first answer, to a request sent after it, that
     * accepted every item (a 202); -1 when none did.
     */
    long firstAllAccepted(Instant after) {
        return all.stream()
                .filter(a -> a.sent().isAfter(after) && a.status() == 202)
                .map(Answer::answered)
                .min(Comparator.naturalOrder())
                .map(at -> Duration.between(after, at).toMillis())
                .orElse(-1L);
    }

    /** Answers to requests sent after {@code from} and answered before {@code to}. */
    List<Answer> within(Instant from, Instant to) {
        return all.stream()
                .filter(a -> a.sent().isAfter(from) && a.answered().isBefore(to))
                .toList();
    }
}
