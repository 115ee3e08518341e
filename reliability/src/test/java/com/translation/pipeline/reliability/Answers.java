package com.translation.pipeline.reliability;

import com.translation.pipeline.reliability.Ledger.Answer;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;

/** The HTTP answers of one scenario over time, for the figures of a fault's window. */
record Answers(List<Answer> all) {

    /** A stretch of time in which a fault was being injected. */
    record Window(Instant from, Instant to) {

        /** Whether {@code answer}'s request was in flight during it, stretched by {@code slack}. */
        boolean saw(Answer answer, Duration slack) {
            return answer.answered().isAfter(from) && answer.sent().isBefore(to.plus(slack));
        }
    }

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

    /** The verdict with the count of 5xx answers and their span. */
    Verdict figures(Verdict verdict) {
        return verdict.with("http_5xx", serverErrors().size())
                .with("5xx_span_ms", serverErrorSpan().toMillis());
    }

    /**
     * The 5xx answers whose request was not in flight during any of {@code windows}, each stretched
     * by {@code slack} (an answer may come that long after its request).
     */
    List<Answer> serverErrorsOutside(List<Window> windows, Duration slack) {
        return serverErrors().stream()
                .filter(answer -> windows.stream().noneMatch(w -> w.saw(answer, slack)))
                .toList();
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
