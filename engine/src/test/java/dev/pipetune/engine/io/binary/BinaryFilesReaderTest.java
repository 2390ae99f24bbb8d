package dev.pipetune.engine.io.binary;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pipetune.engine.io.FileListing;
import dev.pipetune.engine.io.Rows;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.types.pojo.Field;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BinaryFilesReaderTest {

    private final RootAllocator allocator = new RootAllocator();

    @TempDir
    Path folder;

    @AfterEach
    void closeAllocator() {
        allocator.close();
    }

    @Test
    void oneRowPerFileWithBytesAndPathInBatchesOfNFiles() throws IOException {
        Files.write(folder.resolve("a.bin"), new byte[] {0, 1, 2, (byte) 0xff});
        Files.write(folder.resolve("b.txt"), new byte[0]);
        Files.createDirectories(folder.resolve("sub"));
        Files.writeString(folder.resolve("sub/c.txt"), "héllo");
        Files.writeString(folder.resolve("_ignored"), "x");
        List<Path> files = FileListing.expand(List.of(folder));
        try (BinaryFilesReader reader = BinaryFilesReader.open(files, 2, true, allocator)) {
            assertThat(reader.schema().getFields()).extracting(Field::getName).containsExactly("bytes", "path");
            List<List<Object>> rows = Rows.readAll(reader);
            assertThat(rows).extracting(row -> row.get(1)).containsExactly(folder.resolve("a.bin").toString(),
                    folder.resolve("b.txt").toString(), folder.resolve("sub/c.txt").toString());
            assertThat(rows).extracting(row -> row.get(0)).containsExactly(new byte[] {0, 1, 2, (byte) 0xff},
                    new byte[0], "héllo".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        try (BinaryFilesReader reader = BinaryFilesReader.open(files, 2, false, allocator)) {
            assertThat(reader.schema().getFields()).extracting(Field::getName).containsExactly("bytes");
            assertThat(Rows.batchSizes(reader)).containsExactly(2, 1);
        }
    }

    @Test
    void compressedFilesGiveTheirContentAsRayDataReadsThemAndCorruptOnesAreUnreadable() throws IOException {
        ByteArrayOutputStream packed = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(packed)) {
            gzip.write("hello world".getBytes(StandardCharsets.UTF_8));
        }
        Path compressed = Files.write(folder.resolve("a.txt.gz"), packed.toByteArray());
        Path corrupt = Files.write(folder.resolve("b.txt.GZ"), new byte[] {0x1f, (byte) 0x8b, 8, 0, 1, 2});
        Path plain = Files.writeString(folder.resolve("c.gzip"), "as is");
        List<Path> unreadable = new ArrayList<>();
        try (BinaryFilesReader reader = BinaryFilesReader.open(List.of(compressed, corrupt, plain), 8, true,
                allocator, (file, failure) -> unreadable.add(file))) {
            List<List<Object>> rows = Rows.readAll(reader);
            assertThat(rows).extracting(row -> row.get(0)).containsExactly(
                    "hello world".getBytes(StandardCharsets.UTF_8), "as is".getBytes(StandardCharsets.UTF_8));
        }
        assertThat(unreadable).containsExactly(corrupt);
    }

    @Test
    void filesThatCannotBeReadAreReportedAndLeftOutWhenAskedInsteadOfFailingTheRest() throws IOException {
        Path first = Files.writeString(folder.resolve("a.txt"), "a");
        Path gone = folder.resolve("b.txt");
        Path alsoGone = folder.resolve("c.txt");
        Path last = Files.writeString(folder.resolve("d.txt"), "d");
        List<Path> unreadable = new ArrayList<>();
        try (BinaryFilesReader reader = BinaryFilesReader.open(List.of(first, gone, alsoGone, last), 2, true,
                allocator, (file, failure) -> {
                    assertThat(failure).isInstanceOf(NoSuchFileException.class);
                    unreadable.add(file);
                })) {
            List<List<Object>> rows = Rows.readAll(reader);
            assertThat(rows).extracting(row -> row.get(1)).containsExactly(first.toString(), last.toString());
        }
        assertThat(unreadable).containsExactly(gone, alsoGone);
    }

    @Test
    void noFilesGiveNoBatchesAndAMissingFileIsAnErrorNamingIt() throws IOException {
        try (BinaryFilesReader reader = BinaryFilesReader.open(List.of(), 10, true, allocator)) {
            assertThat(reader.next()).isEmpty();
        }
        Path missing = folder.resolve("gone.bin");
        try (BinaryFilesReader reader = BinaryFilesReader.open(List.of(missing), 10, true, allocator)) {
            assertThatThrownBy(reader::next).isInstanceOf(NoSuchFileException.class)
                    .hasMessageContaining(missing.toString());
        }
    }
}
