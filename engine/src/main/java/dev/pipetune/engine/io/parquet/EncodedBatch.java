package dev.pipetune.engine.io.parquet;

import java.util.Map;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.dictionary.Dictionary;

/**
 * A row group read with some string columns left dictionary encoded: those columns of {@code root} are
 * {@link org.apache.arrow.vector.IntVector}s of indices whose fields carry a
 * {@link org.apache.arrow.vector.types.pojo.DictionaryEncoding}, and {@code dictionaries} holds, by encoding id, the
 * vectors of values they index into.
 *
 * <p>Ownership: the caller owns the batch and every dictionary vector and must close them all.
 *
 * @param root the batch
 * @param dictionaries the dictionaries of its encoded columns, by encoding id; empty when no column is encoded
 */
public record EncodedBatch(VectorSchemaRoot root, Map<Long, Dictionary> dictionaries) {
}
