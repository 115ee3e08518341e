package com.translation.pipeline.schema.event;

/**
 * The default topic names of the contract. Deployments may override them in each service's
 * settings.
 */
public final class Topics {

    /** {@code session.upserted} events, keyed by {@code session_id}. */
    public static final String SESSIONS = "translation.sessions.v1";

    /**
     * {@code task.upserted} events, keyed by {@code session_id} so a session's events share a
     * partition.
     */
    public static final String TASKS = "translation.tasks.v1";

    /** Records the writer could not apply, with the {@link DeadLetterHeaders}. */
    public static final String DEAD_LETTERS = "translation.dlq.v1";

    private Topics() {}
}
