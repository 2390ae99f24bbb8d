package dev.pipetune.engine.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.pipetune.engine.io.csv.CsvReader;
import dev.pipetune.engine.io.json.JsonLinesReader;
import io.airlift.compress.zstd.ZstdOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.types.pojo.Schema;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorOutputStream;
import org.apache.commons.compress.compressors.lz4.FramedLZ4CompressorOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Compressed CSV and JSON-lines files. The fixtures under {@code /compressed} hold the same 300 rows and were written
 * by pyarrow 25 ({@code pa.CompressedOutputStream(path, codec)}); pyarrow's own readers give them the totals that
 * {@link #assertPyarrowTotals} checks.
 */
class CompressedInputTest {

    private static final String ALPHABET = "abcdefghijklmnopqrstuvwxyz";

    private final RootAllocator allocator = new RootAllocator();

    @TempDir
    Path folder;

    @AfterEach
    void closeAllocator() {
        allocator.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"gz", "zst", "br", "lz4", "bz2"})
    void aCompressedCsvFileReadsLikeThePlainFileAndAsPyarrowReadsIt(String extension) throws Exception {
        Path plain = Files.write(folder.resolve("sales.csv"), gunzip(fixture("sales.csv.gz")));
        Path compressed = fixture("sales.csv." + extension);
        assertThat(schemaOf(compressed, CsvReader::open)).isEqualTo(schemaOf(plain, CsvReader::open));
        List<List<Object>> rows = readAll(compressed, CsvReader::open);
        assertThat(rows).isEqualTo(readAll(plain, CsvReader::open));
        assertPyarrowTotals(rows);
    }

    @ParameterizedTest
    @ValueSource(strings = {"gz", "zst", "br", "lz4", "bz2"})
    void aCompressedJsonLinesFileReadsLikeThePlainFileAndAsPyarrowReadsIt(String extension) throws Exception {
        Path plain = Files.write(folder.resolve("sales.jsonl"), gunzip(fixture("sales.jsonl.gz")));
        Path compressed = fixture("sales.jsonl." + extension);
        assertThat(schemaOf(compressed, JsonLinesReader::open)).isEqualTo(schemaOf(plain, JsonLinesReader::open));
        List<List<Object>> rows = readAll(compressed, JsonLinesReader::open);
        assertThat(rows).isEqualTo(readAll(plain, JsonLinesReader::open));
        assertPyarrowTotals(rows);
    }

    @ParameterizedTest
    @ValueSource(strings = {"gz", "zst", "lz4", "bz2"})
    void membersOrFramesWrittenOneAfterAnotherReadAsOneText(String extension) throws IOException {
        byte[] first = "id,name\n1,x\n".getBytes(StandardCharsets.UTF_8);
        byte[] second = "2,y\n3,z\n".getBytes(StandardCharsets.UTF_8);
        Path file = folder.resolve("parts.csv." + extension);
        ByteArrayOutputStream both = new ByteArrayOutputStream();
        both.writeBytes(compress(extension, first));
        both.writeBytes(compress(extension, second));
        Files.write(file, both.toByteArray());
        assertThat(readAll(file, CsvReader::open)).containsExactly(List.of(1L, "x"), List.of(2L, "y"),
                List.of(3L, "z"));
    }

    @Test
    void aLargeFileDecompressesWhole() throws IOException {
        StringBuilder csv = new StringBuilder("n,text\n");
        for (int row = 0; row < 200_000; row++) {
            csv.append(row).append(',').append(ALPHABET, row % 26, 26).append('\n');
        }
        byte[] text = csv.toString().getBytes(StandardCharsets.UTF_8);
        for (String extension : List.of("gz", "zst")) {
            Path file = Files.write(folder.resolve("large.csv." + extension), compress(extension, text));
            try (InputStream in = CompressedInput.open(file)) {
                assertThat(in.readAllBytes()).as(extension).isEqualTo(text);
            }
            List<List<Object>> rows = readAll(file, CsvReader::open);
            assertThat(rows).as(extension).hasSize(200_000);
            assertThat(rows.getLast()).as(extension).containsExactly(199_999L, ALPHABET.substring(199_999 % 26));
        }
    }

    @Test
    void theCodecComesFromTheLastExtensionIgnoringCase() throws IOException {
        assertThat(CompressedInput.codecOf(Path.of("d", "A.CSV.GZ"))).contains(CompressedInput.Codec.GZIP);
        assertThat(CompressedInput.codecOf(Path.of("a.jsonl.Zst"))).contains(CompressedInput.Codec.ZSTANDARD);
        assertThat(CompressedInput.codecOf(Path.of("a.csv.lz4"))).contains(CompressedInput.Codec.LZ4_FRAME);
        assertThat(CompressedInput.codecOf(Path.of("a.csv.br"))).contains(CompressedInput.Codec.BROTLI);
        assertThat(CompressedInput.codecOf(Path.of("a.csv.bz2"))).contains(CompressedInput.Codec.BZIP2);
        assertThat(CompressedInput.codecOf(Path.of("a.gz.csv"))).isEmpty();
        assertThat(CompressedInput.codecOf(Path.of("gz"))).isEmpty();
        assertThat(CompressedInput.codecOf(Path.of("a.csv"))).isEmpty();
        Path upper = Files.write(folder.resolve("A.CSV.GZ"), compress("gz", "k\n7\n".getBytes(StandardCharsets.UTF_8)));
        assertThat(readAll(upper, CsvReader::open)).containsExactly(List.of(7L));
    }

    @Test
    void folderListingsKeepTheExtensionsRayDataListsIgnoringCase() throws IOException {
        // Ray's CSV source knows these; read_csv lists them when file_extensions names them.
        Set<String> csvExtensions = new LinkedHashSet<>(List.of("csv", "csv.gz", "csv.br", "csv.zst", "csv.lz4"));
        for (String name : List.of("a.csv", "b.csv.gz", "C.CSV.ZST", "d.csv.br", "e.csv.lz4", "f.csv.bz2", "g.txt.gz",
                "h.json", "i.jsonl.gz", "j.JSON.ZST", "k.jsonl.br", "l.json.lz4", "m.jsonl.bz2")) {
            Files.writeString(folder.resolve(name), "");
        }
        assertThat(FileListing.expand(List.of(folder), csvExtensions)).map(Path::getFileName)
                .map(Path::toString).containsExactly("C.CSV.ZST", "a.csv", "b.csv.gz", "d.csv.br", "e.csv.lz4");
        assertThat(FileListing.expand(List.of(folder), CompressedInput.JSON_EXTENSIONS)).map(Path::getFileName)
                .map(Path::toString).containsExactly("h.json", "i.jsonl.gz", "j.JSON.ZST", "k.jsonl.br", "l.json.lz4");
    }

    @Test
    void truncatedDataFailsNamingTheFileAndTheCodec() throws IOException {
        for (String extension : List.of("gz", "zst", "br", "lz4", "bz2")) {
            byte[] whole = Files.readAllBytes(fixture("sales.csv." + extension));
            Path file = Files.write(folder.resolve("cut.csv." + extension), Arrays.copyOf(whole, whole.length / 2));
            String codec = CompressedInput.codecOf(file).orElseThrow().displayName();
            assertThatThrownBy(() -> readAll(file, CsvReader::open)).as(extension)
                    .isInstanceOf(DataFileException.class)
                    .hasMessageStartingWith(file + ": the " + codec + " data (the name ends in ." + extension
                            + ") is truncated or corrupt: ")
                    .hasMessageContaining(" decompressed bytes)");
        }
    }

    /**
     * Corrupt data the decoder notices. A bzip2 block's checksum, or an LZ4 frame's when pyarrow writes none, comes
     * too late or never: the parser may see the garbled text first, and fails naming the file and line instead.
     */
    @Test
    void corruptDataFailsNamingTheFile() throws IOException {
        for (String extension : List.of("gz", "zst", "br")) {
            byte[] bytes = Files.readAllBytes(fixture("sales.jsonl." + extension));
            for (int index = bytes.length / 3; index < bytes.length / 3 + 40; index++) {
                bytes[index] ^= 0x5a;
            }
            Path file = Files.write(folder.resolve("bad.jsonl." + extension), bytes);
            assertThatThrownBy(() -> readAll(file, JsonLinesReader::open)).as(extension)
                    .isInstanceOf(DataFileException.class)
                    .hasMessageStartingWith(file + ": the ").hasMessageContaining("is truncated or corrupt");
        }
    }

    @Test
    void dataNotInTheFormatItsNameSaysFailsWhenOpened() throws IOException {
        Path plain = Files.writeString(folder.resolve("plain.csv.gz"), "a,b\n1,2\n");
        assertThatThrownBy(() -> CompressedInput.open(plain)).isInstanceOf(DataFileException.class)
                .hasMessage(plain + ": the gzip data (the name ends in .gz) is truncated or corrupt: Not in GZIP "
                        + "format (after 0 decompressed bytes)");
        Path empty = Files.write(folder.resolve("empty.csv.zst"), new byte[0]);
        assertThatThrownBy(() -> readAll(empty, CsvReader::open)).isInstanceOf(DataFileException.class)
                .hasMessageStartingWith(empty + ": the Zstandard data (the name ends in .zst) is truncated or "
                        + "corrupt");
    }

    @Test
    void filesWithoutACodecExtensionAreReadAsTheyAre() throws IOException {
        byte[] bytes = "a\n1\n".getBytes(StandardCharsets.UTF_8);
        Path file = Files.write(folder.resolve("notes.gz.txt"), bytes);
        try (InputStream in = CompressedInput.open(file)) {
            assertThat(in.readAllBytes()).isEqualTo(bytes);
        }
    }

    @Test
    void theSizeGuessOfACompressedFileIsItsExpandedSize() throws IOException {
        Path plain = Files.write(folder.resolve("a.csv"), new byte[100]);
        Path compressed = Files.write(folder.resolve("a.csv.gz"), new byte[100]);
        assertThat(CompressedInput.estimatedTextBytes(plain)).isEqualTo(100);
        assertThat(CompressedInput.estimatedTextBytes(compressed)).isEqualTo(100L * CompressedInput.EXPANSION_GUESS);
    }

    /** The totals pyarrow 25's {@code read_csv} and {@code read_json} give every fixture. */
    private static void assertPyarrowTotals(List<List<Object>> rows) {
        assertThat(rows).hasSize(300);
        assertThat(rows.stream().mapToLong(row -> (Long) row.get(0)).sum()).isEqualTo(44_850);
        assertThat(rows.stream().map(row -> (Double) row.get(1)).filter(Objects::nonNull).mapToDouble(x -> x).sum())
                .isCloseTo(14_599.37, within(1e-6));
        assertThat(rows.stream().filter(row -> row.get(1) == null).count()).isEqualTo(9);
        assertThat(rows.stream().filter(row -> Boolean.TRUE.equals(row.get(4))).count()).isEqualTo(100);
        assertThat(rows.stream().map(row -> row.get(2)).distinct().count()).isEqualTo(4);
    }

    @FunctionalInterface
    private interface Opener {
        BatchReader open(Path file, ReadOptions options, RootAllocator allocator) throws IOException;
    }

    private List<List<Object>> readAll(Path file, Opener opener) throws IOException {
        try (BatchReader reader = opener.open(file, ReadOptions.defaults(), allocator)) {
            return Rows.readAll(reader);
        }
    }

    private Schema schemaOf(Path file, Opener opener) throws IOException {
        try (BatchReader reader = opener.open(file, ReadOptions.defaults(), allocator)) {
            return reader.schema();
        }
    }

    private static Path fixture(String name) {
        try {
            return Path.of(Objects.requireNonNull(CompressedInputTest.class.getResource("/compressed/" + name),
                    name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] gunzip(Path file) throws IOException {
        try (InputStream in = new GZIPInputStream(Files.newInputStream(file))) {
            return in.readAllBytes();
        }
    }

    private static byte[] compress(String extension, byte[] text) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (OutputStream out = switch (extension) {
            case "gz" -> new GZIPOutputStream(bytes);
            case "zst" -> new ZstdOutputStream(bytes);
            case "lz4" -> new FramedLZ4CompressorOutputStream(bytes);
            case "bz2" -> new BZip2CompressorOutputStream(bytes);
            default -> throw new IllegalArgumentException(extension);
        }) {
            out.write(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }
}
