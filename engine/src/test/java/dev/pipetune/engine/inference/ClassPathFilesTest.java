package dev.pipetune.engine.inference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Class path resources become files once; a file that already is a copy is reused, a wrong one replaced. */
class ClassPathFilesTest {

    private static final String TOKENIZER = "all-minilm-l6-v2-tokenizer.json";

    @Test
    void aResourceIsCopiedThenReused(@TempDir Path folder) throws Exception {
        Path target = folder.resolve("tokenizer.json");

        assertThat(ClassPathFiles.copy(TOKENIZER, target, "langchain4j")).isEqualTo(target);

        assertThat(Files.readAllBytes(target)).isEqualTo(resourceBytes());
        FileTime written = FileTime.fromMillis(1_000_000_000_000L);
        Files.setLastModifiedTime(target, written);
        ClassPathFiles.copy(TOKENIZER, target, "langchain4j");
        assertThat(Files.getLastModifiedTime(target)).isEqualTo(written);
        assertThat(folder).isDirectoryNotContaining(path -> path.toString().endsWith(".partial"));
    }

    @Test
    void aFileOfAnotherSizeIsReplaced(@TempDir Path folder) throws Exception {
        Path target = Files.writeString(folder.resolve("tokenizer.json"), "{}");

        ClassPathFiles.copy(TOKENIZER, target, "langchain4j");

        assertThat(Files.readAllBytes(target)).isEqualTo(resourceBytes());
    }

    @Test
    void aMissingResourceIsNamedWithWhatShipsIt(@TempDir Path folder) {
        assertThatThrownBy(() -> ClassPathFiles.copy("no/such/model.onnx", folder.resolve("model.onnx"),
                "com.example:models")).isInstanceOf(IOException.class)
                .hasMessage("no/such/model.onnx is not on the class path; it comes with com.example:models");
        assertThat(folder.resolve("model.onnx")).doesNotExist();
    }

    private static byte[] resourceBytes() throws IOException {
        try (InputStream in = ClassPathFiles.find(TOKENIZER).orElseThrow().openStream()) {
            return in.readAllBytes();
        }
    }
}
