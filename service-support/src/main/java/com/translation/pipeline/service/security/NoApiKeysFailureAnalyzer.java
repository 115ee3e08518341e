package com.translation.pipeline.service.security;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Turns a start without keys into Boot's short failure report instead of a stack trace. */
class NoApiKeysFailureAnalyzer extends AbstractFailureAnalyzer<NoApiKeysException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, NoApiKeysException cause) {
        return new FailureAnalysis(
                cause.getMessage(),
                "Configure keys, e.g. PIPELINE_SECURITY_KEYS_0_NAME=ops"
                        + " PIPELINE_SECURITY_KEYS_0_KEY=<secret>"
                        + " PIPELINE_SECURITY_KEYS_0_SCOPES=admin.",
                cause);
    }
}
