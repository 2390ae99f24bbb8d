package dev.pipetune.engine.function;

import static java.util.Objects.requireNonNull;

import java.util.List;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * What {@link ExtractText#apply} made of a batch: the extracted rows and the files it could not extract.
 *
 * @param output the extracted files, in input order without the failed ones, owned by the caller
 * @param failures the files left out, in input order
 */
public record Extraction(VectorSchemaRoot output, List<FailedDocument> failures) {

    /** Rejects nulls and copies the list. */
    public Extraction {
        requireNonNull(output, "output");
        failures = List.copyOf(failures);
    }
}
