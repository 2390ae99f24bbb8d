package dev.pipetune.engine.function;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

/** A Unicode byte order mark at the start of a file: it names the file's charset. */
enum ByteOrderMark {
    /** No byte order mark. */
    NONE(null, 0),
    /** EF BB BF. */
    UTF_8(StandardCharsets.UTF_8, 3),
    /** FF FE 00 00 (checked before UTF-16LE, whose mark it starts with). */
    UTF_32LE(Charset.forName("UTF-32LE"), 4),
    /** 00 00 FE FF. */
    UTF_32BE(Charset.forName("UTF-32BE"), 4),
    /** FF FE. */
    UTF_16LE(StandardCharsets.UTF_16LE, 2),
    /** FE FF. */
    UTF_16BE(StandardCharsets.UTF_16BE, 2);

    private final Charset charset;
    private final int length;

    ByteOrderMark(Charset charset, int length) {
        this.charset = charset;
        this.length = length;
    }

    /**
     * Finds the byte order mark at the start of some bytes.
     *
     * @param content the bytes
     * @param length how many of them are the file
     * @return the mark, or {@link #NONE}
     */
    static ByteOrderMark of(byte[] content, int length) {
        int first = length > 0 ? content[0] & 0xFF : -1;
        int second = length > 1 ? content[1] & 0xFF : -1;
        if (first == 0xEF && second == 0xBB && length > 2 && (content[2] & 0xFF) == 0xBF) {
            return UTF_8;
        }
        if (first == 0xFF && second == 0xFE) {
            return length > 3 && content[2] == 0 && content[3] == 0 ? UTF_32LE : UTF_16LE;
        }
        if (first == 0xFE && second == 0xFF) {
            return UTF_16BE;
        }
        if (first == 0 && second == 0 && length > 3 && (content[2] & 0xFF) == 0xFE && (content[3] & 0xFF) == 0xFF) {
            return UTF_32BE;
        }
        return NONE;
    }

    /** Returns the charset the mark names; not for {@link #NONE}. */
    Charset charset() {
        return charset;
    }

    /** Returns the mark's length in bytes. */
    int length() {
        return length;
    }

    /** Whether the mark names a charset whose text holds NUL bytes (UTF-16 and UTF-32). */
    boolean wide() {
        return this != NONE && this != UTF_8;
    }
}
