package com.translation.pipeline.service.security;

/** Thrown at start when authentication is on and no key is configured. */
class NoApiKeysException extends IllegalStateException {

    NoApiKeysException() {
        super(
                "No API keys configured: set pipeline.security.keys (docs/security.md), or"
                        + " pipeline.security.enabled=false on a trusted network only.");
    }
}
