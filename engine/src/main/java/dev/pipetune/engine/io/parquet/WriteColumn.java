package dev.pipetune.engine.io.parquet;

import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.Type;

/**
 * One Arrow column mapped for writing.
 *
 * @param type the Parquet column type
 * @param conversion how its values are written
 */
record WriteColumn(PrimitiveType type, WriteConversion conversion) implements WriteField {

    @Override
    public Type parquetType() {
        return type;
    }
}
