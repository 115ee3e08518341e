package com.translation.pipeline.reliability;

import java.util.List;

/** A producer of the load: sends versions and records every answer in the {@link Ledger}. */
interface Sender extends AutoCloseable {

    void send(List<Version> chunk);

    /** Waits for the answers still outstanding. */
    @Override
    default void close() {}
}
