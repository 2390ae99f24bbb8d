package dev.pipetune.engine.io.csv;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/** An unsynchronized byte buffer in front of an output stream, with the few writes CSV cells need. */
final class CsvOutput {

    private static final int CAPACITY = 1 << 16;
    private static final byte QUOTE = '"';

    private final OutputStream stream;
    private final byte[] buffer = new byte[CAPACITY];
    private int position;

    CsvOutput(OutputStream stream) {
        this.stream = stream;
    }

    void write(byte value) throws IOException {
        if (position == CAPACITY) {
            flushBuffer();
        }
        buffer[position++] = value;
    }

    void write(byte[] bytes, int offset, int length) throws IOException {
        if (length > CAPACITY - position) {
            flushBuffer();
            if (length > CAPACITY) {
                stream.write(bytes, offset, length);
                return;
            }
        }
        System.arraycopy(bytes, offset, buffer, position, length);
        position += length;
    }

    void writeAscii(String text) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.ISO_8859_1);
        write(bytes, 0, bytes.length);
    }

    /** Writes bytes between quotes, doubling each quote inside. */
    void writeQuoted(byte[] bytes, int length) throws IOException {
        write(QUOTE);
        int start = 0;
        for (int index = 0; index < length; index++) {
            if (bytes[index] == QUOTE) {
                write(bytes, start, index + 1 - start);
                start = index;
            }
        }
        write(bytes, start, length - start);
        write(QUOTE);
    }

    void flush() throws IOException {
        flushBuffer();
        stream.flush();
    }

    private void flushBuffer() throws IOException {
        stream.write(buffer, 0, position);
        position = 0;
    }
}
