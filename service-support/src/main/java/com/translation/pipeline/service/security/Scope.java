package com.translation.pipeline.service.security;

/** What an API key may do. {@code admin} implies the others. */
public enum Scope {
    /** Queries, stats, recovery, the metrics summary. */
    READ,
    /** Ingest and flush. */
    WRITE,
    /** Delete, cleanup, effective configuration; everything else too. */
    ADMIN;

    boolean grantedBy(java.util.Set<Scope> granted) {
        return granted.contains(ADMIN) || granted.contains(this);
    }
}
