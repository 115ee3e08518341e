package com.translation.pipeline.worker.replay;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Dead letters for operators (admin scope): see them with their reasons, replay them after a fix.
 */
@Tag(name = "maintenance", description = "Dead letters: list, replay, discard")
@RestController
class DeadLetterController {

    private final DeadLetterReplayer replayer;

    DeadLetterController(DeadLetterReplayer replayer) {
        this.replayer = replayer;
    }

    @Operation(
            summary =
                    "Dead letters not yet replayed or discarded, oldest first, with their reasons"
                            + " and whether they are valid now")
    @GetMapping("/api/v1/dead-letters")
    List<DeadLetterReplayer.DeadLetter> list(
            @RequestParam(defaultValue = "100") @Min(1) @Max(1000) int limit) {
        return replayer.list(limit);
    }

    /**
     * @param dryRun true (the default) only counts what a replay would send
     * @param limit the most dead letters to read
     */
    record ReplayRequest(Boolean dryRun, @Min(1) @Max(100_000) Integer limit) {}

    @Operation(
            summary = "Send back to their topic the dead letters that the contract accepts now",
            description =
                    "dry_run defaults to true. A real run records what it replayed; the ones still"
                            + " invalid stay listed.")
    @PostMapping("/api/v1/dead-letters/replay")
    DeadLetterReplayer.Replay replay(@Valid @RequestBody(required = false) ReplayRequest request) {
        boolean dryRun = request == null || request.dryRun() == null || request.dryRun();
        int limit = request == null || request.limit() == null ? 10_000 : request.limit();
        return replayer.replay(dryRun, limit);
    }

    /**
     * @param letters the dead letters to discard, by partition and offset on the dead-letter topic
     */
    record DiscardRequest(@NotEmpty @Size(max = 1000) List<@Valid @NotNull LetterRef> letters) {}

    /**
     * @param partition partition on the dead-letter topic
     * @param offset offset on the dead-letter topic
     */
    record LetterRef(@NotNull @Min(0) Integer partition, @NotNull @Min(0) Long offset) {}

    @Operation(
            summary = "Give up on dead letters: they are no longer listed nor replayed",
            description = "Answers how many were newly discarded.")
    @PostMapping("/api/v1/dead-letters/discard")
    DeadLetterReplayer.Discarded discard(@Valid @RequestBody DiscardRequest request) {
        return replayer.discard(
                request.letters().stream()
                        .map(
                                letter ->
                                        new DeadLetterResolutions.Letter(
                                                letter.partition(), letter.offset()))
                        .toList());
    }
}
