package com.translation.pipeline.query.web;

/**
 * An answer that would take the files of all answers waiting for their clients past {@code
 * query.spool-disk-limit} ({@link ResponseSpool}): answered 503 with {@code Retry-After}, nothing
 * of it sent.
 */
public class SpoolFullException extends BusyException {

    /**
     * @param answerBytes the answer's length when it was refused, in bytes
     * @param diskLimit the limit of all answers' files, in bytes
     */
    SpoolFullException(long answerBytes, long diskLimit) {
        super(
                "The answers waiting for their clients take the room set aside for them ("
                        + diskLimit
                        + " bytes on disk); this one had reached "
                        + answerBytes
                        + " bytes. Retry later, or ask for a smaller page (page_size).");
    }
}
