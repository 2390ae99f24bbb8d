package dev.pipetune.engine.io.parquet;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.LocalInputFile;
import org.xerial.snappy.Snappy;

/**
 * Measures {@link SnappyDecoder} against snappy-java on the Snappy pages of Parquet files (not a unit test).
 *
 * <p>Usage: {@code SnappyBenchmark PATH [COLUMN,...] [ROUNDS]}, where PATH is a file or a folder of {@code .parquet}
 * files and the columns default to W2's (category, value, qty). Every data and dictionary page of those columns'
 * Snappy chunks is decompressed by both decoders, which must agree byte for byte; each round then decompresses all
 * pages with each decoder on one thread (after both decoded 200 MB to warm up) and prints the decompressed megabytes
 * per CPU-second.
 */
public final class SnappyBenchmark {

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private SnappyBenchmark() {
    }

    /** A compressed page and its decompressed size. */
    private record Page(byte[] compressed, int uncompressedSize) {
    }

    /**
     * Runs the benchmark.
     *
     * @param arguments the path, optionally the columns and the number of rounds
     * @throws IOException when a file cannot be read or the decoders disagree
     */
    public static void main(String[] arguments) throws IOException {
        Path path = Path.of(arguments[0]);
        Set<String> columns = Set.of((arguments.length > 1 ? arguments[1] : "category,value,qty").split(","));
        int rounds = arguments.length > 2 ? Integer.parseInt(arguments[2]) : 10;
        List<Page> pages = new ArrayList<>();
        List<Path> files;
        if (Files.isDirectory(path)) {
            try (Stream<Path> listing = Files.list(path)) {
                files = listing.filter(file -> file.toString().endsWith(".parquet")).sorted().toList();
            }
        } else {
            files = List.of(path);
        }
        for (Path file : files) {
            pages.addAll(pages(file, columns));
        }
        long bytes = pages.stream().mapToLong(Page::uncompressedSize).sum();
        byte[] output = new byte[pages.stream().mapToInt(Page::uncompressedSize).max().orElse(0)];
        byte[] expected = new byte[output.length];
        for (Page page : pages) {
            Snappy.uncompress(page.compressed(), 0, page.compressed().length, expected, 0);
            SnappyDecoder.decompress(page.compressed(), 0, page.compressed().length, output, 0,
                    page.uncompressedSize());
            if (!Arrays.equals(expected, 0, page.uncompressedSize(), output, 0, page.uncompressedSize())) {
                throw new IOException("the decoders disagree on a page of " + page.uncompressedSize() + " bytes");
            }
        }
        System.out.printf("%d pages, %.1f MB compressed, %.1f MB decompressed%n", pages.size(),
                pages.stream().mapToLong(page -> page.compressed().length).sum() / 1e6, bytes / 1e6);
        // Both decoders first decode at least 200 MB (and every page three times), so that both run compiled.
        long warmUpPasses = Math.max(3, (200_000_000L + bytes - 1) / Math.max(1, bytes));
        for (long pass = 0; pass < warmUpPasses; pass++) {
            for (Page page : pages) {
                Snappy.uncompress(page.compressed(), 0, page.compressed().length, output, 0);
                SnappyDecoder.decompress(page.compressed(), 0, page.compressed().length, output, 0,
                        page.uncompressedSize());
            }
        }
        for (int round = 1; round <= rounds; round++) {
            long start = THREADS.getCurrentThreadCpuTime();
            for (Page page : pages) {
                Snappy.uncompress(page.compressed(), 0, page.compressed().length, output, 0);
            }
            long snappyJava = THREADS.getCurrentThreadCpuTime() - start;
            start = THREADS.getCurrentThreadCpuTime();
            for (Page page : pages) {
                SnappyDecoder.decompress(page.compressed(), 0, page.compressed().length, output, 0,
                        page.uncompressedSize());
            }
            long java = THREADS.getCurrentThreadCpuTime() - start;
            System.out.printf("round %2d: snappy-java %6.0f MB/s, SnappyDecoder %6.0f MB/s%n", round,
                    bytes * 1e3 / snappyJava, bytes * 1e3 / java);
        }
    }

    private static List<Page> pages(Path file, Set<String> columns) throws IOException {
        List<Page> pages = new ArrayList<>();
        try (ParquetFileReader reader = ParquetFileReader.open(new LocalInputFile(file));
                FileChannel channel = FileChannel.open(file)) {
            for (BlockMetaData block : reader.getFooter().getBlocks()) {
                for (ColumnChunkMetaData chunk : block.getColumns()) {
                    if (chunk.getCodec() != CompressionCodecName.SNAPPY
                            || !columns.contains(chunk.getPath().toDotString())) {
                        continue;
                    }
                    ByteBuffer bytes = ByteBuffer.allocate(Math.toIntExact(chunk.getTotalSize()));
                    while (bytes.hasRemaining()) {
                        if (channel.read(bytes, chunk.getStartingPos() + bytes.position()) < 0) {
                            throw new IOException("unexpected end of " + file);
                        }
                    }
                    bytes.flip();
                    for (int offset = 0; offset < bytes.limit();) {
                        PageHeader header = PageHeader.parse(bytes, offset);
                        int start = offset + header.headerSize();
                        if (header.type() == PageHeader.DATA_PAGE || header.type() == PageHeader.DICTIONARY_PAGE) {
                            pages.add(new Page(Arrays.copyOfRange(bytes.array(), start,
                                    start + header.compressedSize()), header.uncompressedSize()));
                        }
                        offset = start + header.compressedSize();
                    }
                }
            }
        }
        return pages;
    }
}
