package com.translation.pipeline.schema.event;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.CharacterCodingException;

/**
 * Strict UTF-8 (RFC 3629): JSON text is UTF-8, and bytes that are not (an overlong form such as
 * {@code C0 80} for NUL, an encoded surrogate, a code point above U+10FFFF, a truncated sequence)
 * must be refused, not decoded into other characters: the JSON parser alone is lenient about some
 * of them, and {@code 61 C0 80 62} would be stored as {@code a\u0000b}.
 */
public final class Utf8 {

    private final boolean jsonText;
    private boolean nul;
    private int remaining;
    private int lower = 0x80;
    private int upper = 0xBF;
    private long position;

    private Utf8(boolean jsonText) {
        this.jsonText = jsonText;
    }

    /** Thrown by {@link #validating} at the first byte that is not UTF-8. */
    public static final class MalformedException extends CharacterCodingException {
        private final long position;
        private final boolean nul;

        MalformedException(Utf8 check) {
            this.position = check.position;
            this.nul = check.nul;
        }

        /** The offset of the first byte that breaks UTF-8, from the start of the text. */
        public long position() {
            return position;
        }

        @Override
        public String getMessage() {
            return nul
                    ? "a NUL byte at byte "
                            + position
                            + ", which JSON text never holds (UTF-16 and UTF-32 have them)"
                    : "the bytes are not UTF-8 at byte " + position;
        }
    }

    /** Whether the bytes are UTF-8 from start to end. */
    public static boolean isValid(byte[] bytes) {
        return new Utf8(false).accepts(bytes);
    }

    /**
     * Whether the bytes can be JSON text as RFC 8259 exchanges it: UTF-8 without a NUL byte. A NUL
     * byte is never JSON (outside a string it is not a token; inside, a control character must be
     * escaped), and NUL bytes are how UTF-16 and UTF-32 text looks, which a JSON parser would
     * otherwise detect and decode.
     */
    public static boolean isJsonText(byte[] bytes) {
        return new Utf8(true).accepts(bytes);
    }

    /** A stream that fails with {@link MalformedException} at the first byte that is not UTF-8. */
    public static InputStream validating(InputStream in) {
        return validating(in, new Utf8(false));
    }

    /**
     * A stream that fails with {@link MalformedException} at the first byte that cannot be JSON
     * text ({@link #isJsonText}).
     */
    public static InputStream validatingJsonText(InputStream in) {
        return validating(in, new Utf8(true));
    }

    private boolean accepts(byte[] bytes) {
        return update(bytes, 0, bytes.length) && remaining == 0;
    }

    private static InputStream validating(InputStream in, Utf8 check) {
        return new FilterInputStream(in) {
            @Override
            public int read() throws IOException {
                int b = super.read();
                if (b < 0) {
                    check.end();
                } else if (!check.update(new byte[] {(byte) b}, 0, 1)) {
                    throw new MalformedException(check);
                }
                return b;
            }

            @Override
            public int read(byte[] buffer, int offset, int length) throws IOException {
                int n = super.read(buffer, offset, length);
                if (n < 0) {
                    check.end();
                } else if (!check.update(buffer, offset, n)) {
                    throw new MalformedException(check);
                }
                return n;
            }
        };
    }

    private void end() throws MalformedException {
        if (remaining != 0) {
            throw new MalformedException(this);
        }
    }

    /**
     * Checks more bytes; false at the first one that breaks UTF-8 ({@link #position}). The state is
     * kept in locals while the bytes are walked and stored back once: the loop runs once per byte
     * of every request body.
     */
    private boolean update(byte[] bytes, int offset, int length) {
        int end = offset + length;
        int i = offset;
        int left = remaining;
        int low = lower;
        int high = upper;
        boolean valid = true;
        for (; i < end; i++) {
            int b = bytes[i] & 0xFF;
            if (left == 0) {
                if (b < 0x80) {
                    if (b == 0 && jsonText) {
                        nul = true;
                        valid = false;
                        break;
                    }
                    continue;
                }
                low = 0x80;
                high = 0xBF;
                if (b >= 0xC2 && b <= 0xDF) {
                    left = 1;
                } else if (b >= 0xE0 && b <= 0xEF) {
                    left = 2;
                    if (b == 0xE0) {
                        low = 0xA0;
                    } else if (b == 0xED) {
                        high = 0x9F;
                    }
                } else if (b >= 0xF0 && b <= 0xF4) {
                    left = 3;
                    if (b == 0xF0) {
                        low = 0x90;
                    } else if (b == 0xF4) {
                        high = 0x8F;
                    }
                } else {
                    valid = false;
                    break;
                }
            } else {
                if (b < low || b > high) {
                    valid = false;
                    break;
                }
                low = 0x80;
                high = 0xBF;
                left--;
            }
        }
        position += i - offset;
        remaining = left;
        lower = low;
        upper = high;
        return valid;
    }
}
