package dev.pipetune.engine.io.parquet;

import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.util.List;
import org.apache.arrow.memory.ArrowBuf;

/** Discards the values of a column of the Parquet null (UNKNOWN) logical type: an Arrow null vector has no buffers. */
record NullValueWriter() implements ValueWriter {

    @Override
    public void readDictionary(ByteBuffer page, int size) {
        // A null vector keeps no values.
    }

    @Override
    public int dictionarySize() {
        return Integer.MAX_VALUE;
    }

    @Override
    public void writePlain(ByteBuffer page, int slot, int count) {
        // A null vector keeps no values.
    }

    @Override
    public void writeDictionary(int[] ids, int slot, int count) {
        // A null vector keeps no values.
    }

    @Override
    public void writeBooleans(int[] values, int slot, int count) {
        // A null vector keeps no values.
    }

    @Override
    public void spread(MemorySegment validity, int slot, int slots, int values) {
        // A null vector keeps no values.
    }

    @Override
    public List<ArrowBuf> finish(int slotCount) {
        return List.of();
    }

    @Override
    public void close() {
        // No buffers.
    }
}
