package dev.pipetune.engine.io;

import static java.util.Objects.requireNonNull;

import io.airlift.compress.zstd.ZstdInputStream;
import java.io.BufferedInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.SequencedSet;
import java.util.zip.GZIPInputStream;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorInputStream;
import org.apache.commons.compress.compressors.lz4.FramedLZ4CompressorInputStream;
import org.brotli.dec.BrotliInputStream;

/**
 * Opens the files of {@code read_csv} and {@code read_json}, decompressing those whose name says they are compressed,
 * as Ray Data does through pyarrow's {@code open_input_stream(compression="detect")}.
 *
 * <p>The codec comes from the file name's last extension, compared ignoring case (see {@link Codec}): {@code .gz}
 * gzip, {@code .zst} Zstandard, {@code .lz4} the LZ4 frame format, {@code .br} Brotli, {@code .bz2} bzip2. gzip
 * members, Zstandard frames, LZ4 frames and bzip2 streams written one after another ({@code gzip -c b >> a.gz}) read
 * as one text. Any other name is read as it is.
 *
 * <p>{@link #JSON_EXTENSIONS} are the files {@code read_json} lists from a folder ({@code read_csv} lists every
 * file, as Ray Data's does).
 *
 * <p>Errors: compressed data that does not decode (truncated, corrupt, or not in the codec's format at all) fails
 * the read with a {@link DataFileException} naming the file and the codec; such a read is not worth retrying. A
 * failure of the file system itself reaches the caller unchanged, as it would for a plain file.
 */
public final class CompressedInput {

    /** The extensions, without the dot, of the files {@code read_json} lists from a folder, as Ray Data's. */
    public static final SequencedSet<String> JSON_EXTENSIONS = ordered("json", "jsonl", "json.gz", "jsonl.gz",
            "json.br", "jsonl.br", "json.zst", "jsonl.zst", "json.lz4", "jsonl.lz4");

    /**
     * How many times larger than its file a compressed text is guessed to be, before it is read: CSV and JSON lines
     * shrink about 3 to 10 times with these codecs.
     */
    static final int EXPANSION_GUESS = 5;

    private static final int BUFFER_BYTES = 64 * 1024;

    /** A compression format that the file name's last extension selects. */
    public enum Codec {
        /** {@code .gz}: gzip (RFC 1952), one member or several. */
        GZIP("gz", "gzip"),
        /** {@code .zst}: Zstandard, one frame or several. */
        ZSTANDARD("zst", "Zstandard"),
        /** {@code .lz4}: the LZ4 frame format, one frame or several (not the raw block or Hadoop formats). */
        LZ4_FRAME("lz4", "LZ4 frame"),
        /** {@code .br}: Brotli (RFC 7932). */
        BROTLI("br", "Brotli"),
        /** {@code .bz2}: bzip2, one stream or several. */
        BZIP2("bz2", "bzip2");

        private final String extension;
        private final String displayName;

        Codec(String extension, String displayName) {
            this.extension = extension;
            this.displayName = displayName;
        }

        /** Returns the extension that selects it, lower case, without the dot. */
        public String extension() {
            return extension;
        }

        /** Returns its name for messages, such as {@code gzip}. */
        public String displayName() {
            return displayName;
        }

        private InputStream decoder(InputStream compressed) throws IOException {
            return switch (this) {
                case GZIP -> new GZIPInputStream(compressed, BUFFER_BYTES);
                case ZSTANDARD -> new ZstdInputStream(compressed);
                case LZ4_FRAME -> new FramedLZ4CompressorInputStream(compressed, true);
                case BROTLI -> new BrotliInputStream(compressed);
                case BZIP2 -> new BZip2CompressorInputStream(compressed, true);
            };
        }
    }

    private CompressedInput() {
    }

    /**
     * Returns the codec that a file's name selects.
     *
     * @param file a file
     * @return the codec of its last extension, ignoring case; empty when it has none of {@link Codec}'s extensions
     */
    public static Optional<Codec> codecOf(Path file) {
        Path name = requireNonNull(file, "file").getFileName();
        if (name == null) {
            return Optional.empty();
        }
        String lowerCase = name.toString().toLowerCase(Locale.ROOT);
        int dot = lowerCase.lastIndexOf('.');
        if (dot < 0) {
            return Optional.empty();
        }
        String extension = lowerCase.substring(dot + 1);
        return Arrays.stream(Codec.values()).filter(codec -> codec.extension.equals(extension)).findFirst();
    }

    /**
     * Opens a file for reading its text: decompressed when its name selects a {@link Codec}, else as it is.
     *
     * <p>The stream's {@code read} methods throw a {@link DataFileException} naming the file and the codec when the
     * compressed data does not decode, and the file system's own {@link IOException}s unchanged.
     *
     * @param file the file
     * @return a new stream, owned by the caller, who closes it; not thread-safe
     * @throws DataFileException if the file starts with data the codec does not decode (or is empty)
     * @throws IOException if the file cannot be opened or read
     */
    public static InputStream open(Path file) throws IOException {
        requireNonNull(file, "file");
        Optional<Codec> codec = codecOf(file);
        if (codec.isEmpty()) {
            return Files.newInputStream(file);
        }
        FileBytes source = new FileBytes(Files.newInputStream(file));
        DecodedStream decoded = new DecodedStream(file, codec.get(), source);
        try {
            decoded.start();
            return decoded;
        } catch (IOException | RuntimeException failure) {
            source.close();
            throw failure;
        }
    }

    /**
     * Guesses how many bytes of text a file holds, for memory estimates before it is read: its size, or for a
     * compressed file {@value #EXPANSION_GUESS} times its size.
     *
     * @param file the file
     * @return the guess, 0 or more
     * @throws IOException if the file's size cannot be read
     */
    public static long estimatedTextBytes(Path file) throws IOException {
        long size = Files.size(requireNonNull(file, "file"));
        return codecOf(file).isEmpty() ? size : Math.min(size, Long.MAX_VALUE / EXPANSION_GUESS) * EXPANSION_GUESS;
    }

    private static SequencedSet<String> ordered(String... extensions) {
        return Collections.unmodifiableSequencedSet(new LinkedHashSet<>(List.of(extensions)));
    }

    /** The file's bytes, remembering the last failure of the file system so that it is not taken for bad data. */
    private static final class FileBytes extends FilterInputStream {

        private IOException failure;

        FileBytes(InputStream file) {
            super(file);
        }

        @Override
        public int read() throws IOException {
            try {
                return super.read();
            } catch (IOException e) {
                failure = e;
                throw e;
            }
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            try {
                return super.read(buffer, offset, length);
            } catch (IOException e) {
                failure = e;
                throw e;
            }
        }

        @Override
        public long skip(long count) throws IOException {
            try {
                return super.skip(count);
            } catch (IOException e) {
                failure = e;
                throw e;
            }
        }

        /** Returns whether the failure is, or was caused by, the last failure of the file system. */
        boolean causedBy(Throwable decoderFailure) {
            for (Throwable cause = decoderFailure; cause != null && failure != null; cause = cause.getCause()) {
                if (cause == failure) {
                    return true;
                }
            }
            return false;
        }

        IOException failure() {
            return failure;
        }
    }

    /** A decoder's output, whose failures on bad data become {@link DataFileException}s naming the file. */
    private static final class DecodedStream extends InputStream {

        private final Path file;
        private final Codec codec;
        private final FileBytes source;
        private InputStream decoder;
        private long delivered;

        DecodedStream(Path file, Codec codec, FileBytes source) {
            this.file = file;
            this.codec = codec;
            this.source = source;
        }

        /** Creates the decoder, which reads the format's header. */
        void start() throws IOException {
            try {
                decoder = codec.decoder(new BufferedInputStream(source, BUFFER_BYTES));
            } catch (IOException | RuntimeException failure) {
                throw translated(failure);
            }
        }

        @Override
        public int read() throws IOException {
            try {
                int value = decoder.read();
                if (value >= 0) {
                    delivered++;
                }
                return value;
            } catch (IOException | RuntimeException failure) {
                throw translated(failure);
            }
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            Objects.checkFromIndexSize(offset, length, buffer.length);
            try {
                int count = decoder.read(buffer, offset, length);
                if (count > 0) {
                    delivered += count;
                }
                return count;
            } catch (IOException | RuntimeException failure) {
                throw translated(failure);
            }
        }

        @Override
        public int available() throws IOException {
            try {
                return decoder.available();
            } catch (IOException | RuntimeException failure) {
                throw translated(failure);
            }
        }

        @Override
        public void close() throws IOException {
            try (source) {
                if (decoder != null) {
                    decoder.close();
                }
            }
        }

        private IOException translated(Exception failure) {
            if (source.causedBy(failure)) {
                return failure instanceof IOException unchanged ? unchanged : source.failure();
            }
            String detail = Objects.requireNonNullElse(failure.getMessage(), failure.getClass().getSimpleName());
            return new DataFileException(file, 0, 0, null, "the " + codec.displayName + " data (the name ends in ."
                    + codec.extension + ") is truncated or corrupt: " + detail + " (after " + delivered
                    + " decompressed bytes)", failure);
        }
    }
}
