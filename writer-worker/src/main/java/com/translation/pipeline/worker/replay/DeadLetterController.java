package com.translation.pipeline.worker.replay;

import io.swagger.v3.oas.annotations.Operation;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Dead letters for operators (admin scope): see them with their reasons, replay them after a fix.
 */
@RestController
class DeadLetterController {

    private final DeadLetterReplayer replayer;

    DeadLetterController(DeadLetterReplayer replayer) {
        this.replayer = replayer;
    }

    @Operation(
            summary =
                    "Dead letters after the last replay, oldest first, with their reasons and"
                            + " whether they are valid now")
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
                    "dry_run defaults to true. A real run remembers how far it got; invalid ones"
                            + " stay.")
    @PostMapping("/api/v1/dead-letters/replay")
    DeadLetterReplayer.Replay replay(@Valid @RequestBody(required = false) ReplayRequest request) {
        boolean dryRun = request == null || request.dryRun() == null || request.dryRun();
        int limit = request == null || request.limit() == null ? 10_000 : request.limit();
        return replayer.replay(dryRun, limit);
    }
}
