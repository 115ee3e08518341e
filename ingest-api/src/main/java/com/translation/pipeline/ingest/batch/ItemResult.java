package com.translation.pipeline.ingest.batch;

import com.translation.pipeline.schema.event.FieldError;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

/**
 * What happened to one item of a batch.
 *
 * @param index the item's position in the request, from 0
 * @param id its session_id or task_id, when it has one
 * @param status accepted (durably in Kafka), rejected (invalid, or held back by an atomic batch) or
 *     failed (valid, but Kafka did not acknowledge it in time: send it again)
 */
public record ItemResult(
        int index,
        @Schema(types = {"string", "null"}) String id,
        Status status,
        List<ItemError> errors) {

    public enum Status {
        accepted,
        rejected,
        failed
    }

    public record ItemError(String field, String reason, String message) {
        static ItemError of(FieldError error) {
            return new ItemError(error.field(), error.reason().name(), error.message());
        }
    }

    static ItemResult accepted(int index, String id) {
        return new ItemResult(index, id, Status.accepted, List.of());
    }

    static ItemResult rejected(int index, String id, List<FieldError> errors) {
        return new ItemResult(
                index, id, Status.rejected, errors.stream().map(ItemError::of).toList());
    }

    static ItemResult heldBack(int index, String id) {
        return new ItemResult(
                index,
                id,
                Status.rejected,
                List.of(
                        new ItemError(
                                "",
                                "NOT_PUBLISHED",
                                "valid, but not published: another item of this atomic batch is"
                                        + " invalid")));
    }

    static ItemResult failed(int index, String id, String message) {
        return new ItemResult(
                index, id, Status.failed, List.of(new ItemError("", "NOT_ACKNOWLEDGED", message)));
    }
}
