package dev.pipetune.engine.io.parquet;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.apache.parquet.io.InputFile;
import org.apache.parquet.io.SeekableInputStream;

/**
 * A local file for parquet-java's footer reading, read through a {@link FileChannel} with positional reads (column
 * chunks are read by {@link RowGroupPages}).
 *
 * @param file the file
 */
record ChannelInputFile(Path file) implements InputFile {

    @Override
    public long getLength() throws IOException {
        return Files.size(file);
    }

    @Override
    public SeekableInputStream newStream() throws IOException {
        return new ChannelStream(FileChannel.open(file, StandardOpenOption.READ));
    }

    /** A stream reading at its own position with positional channel reads. */
    private static final class ChannelStream extends SeekableInputStream {

        private final FileChannel channel;
        private long position;

        ChannelStream(FileChannel channel) {
            this.channel = channel;
        }

        @Override
        public long getPos() {
            return position;
        }

        @Override
        public void seek(long newPosition) throws IOException {
            if (newPosition < 0) {
                throw new IOException("negative position " + newPosition);
            }
            position = newPosition;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) == 1 ? one[0] & 0xFF : -1;
        }

        @Override
        public int read(byte[] bytes, int offset, int length) throws IOException {
            return read(ByteBuffer.wrap(bytes, offset, length));
        }

        @Override
        public int read(ByteBuffer buffer) throws IOException {
            if (!buffer.hasRemaining()) {
                return 0;
            }
            int read = channel.read(buffer, position);
            if (read > 0) {
                position += read;
            }
            return read;
        }

        @Override
        public void readFully(byte[] bytes) throws IOException {
            readFully(ByteBuffer.wrap(bytes));
        }

        @Override
        public void readFully(byte[] bytes, int offset, int length) throws IOException {
            readFully(ByteBuffer.wrap(bytes, offset, length));
        }

        @Override
        public void readFully(ByteBuffer buffer) throws IOException {
            while (buffer.hasRemaining()) {
                if (read(buffer) < 0) {
                    throw new EOFException("the file ends " + buffer.remaining() + " bytes early");
                }
            }
        }

        @Override
        public void close() throws IOException {
            channel.close();
        }
    }
}
