package dev.pipetune.engine.io.parquet;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.apache.parquet.bytes.BytesInput;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.Encoding;
import org.apache.parquet.column.page.DataPage;
import org.apache.parquet.column.page.DataPageV1;
import org.apache.parquet.column.page.DataPageV2;
import org.apache.parquet.column.page.DictionaryPage;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.column.page.PageReader;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;

/**
 * Decodes PLAIN and dictionary encoded column chunks in bulk: pages come (decompressed) from parquet-java, levels
 * and dictionary ids are decoded run by run, PLAIN fixed-width values are copied as whole byte ranges and
 * dictionary values are gathered by id.
 */
record BulkChunkDecoder() implements ColumnChunkDecoder {

    @Override
    public LeafData decode(ColumnDescriptor column, PageReadStore pages) {
        PageReader reader = pages.getPageReader(column);
        LeafData leaf = ColumnChunkDecoder.newLeafData(column, reader.getTotalValueCount());
        ValueBuffer dictionary = dictionary(column, reader.readDictionaryPage());
        if (dictionary != null && dictionary.isVariable() && dictionary.count() > 0) {
            // Size the values for the chunk once, assuming ids spread evenly over the dictionary.
            long averageLength = dictionary.dataLength() / dictionary.count() + 1;
            leaf.values().ensureData(Math.min(Integer.MAX_VALUE / 2, averageLength * leaf.capacity()));
        }
        ChunkState state = new ChunkState(column, leaf, dictionary);
        DataPage page;
        while ((page = reader.readPage()) != null) {
            if (page.getValueCount() < 0 || page.getValueCount() > leaf.capacity() - leaf.levelCount()) {
                throw new CorruptDataException("the pages of column " + String.join(".", column.getPath())
                        + " hold more values than its metadata says (" + leaf.capacity() + ")");
            }
            if (page instanceof DataPageV1 v1) {
                state.decodeV1(v1);
            } else if (page instanceof DataPageV2 v2) {
                state.decodeV2(v2);
            } else {
                throw new CorruptDataException("unknown data page kind " + page.getClass().getSimpleName());
            }
        }
        if (leaf.levelCount() != leaf.capacity()) {
            throw new CorruptDataException("column " + String.join(".", column.getPath()) + " has "
                    + leaf.levelCount() + " values but its metadata says " + leaf.capacity());
        }
        return leaf;
    }

    private static ValueBuffer dictionary(ColumnDescriptor column, DictionaryPage page) {
        if (page == null) {
            return null;
        }
        if (page.getEncoding() != Encoding.PLAIN && page.getEncoding() != Encoding.PLAIN_DICTIONARY) {
            throw new CorruptDataException("unsupported dictionary page encoding " + page.getEncoding());
        }
        int size = page.getDictionarySize();
        if (size < 0) {
            throw new CorruptDataException("negative dictionary size " + size);
        }
        ByteBuffer bytes = byteBuffer(page.getBytes());
        int width = ColumnChunkDecoder.valueWidth(column);
        ValueBuffer values = width == 0 ? ValueBuffer.variable(Math.min(size, bytes.remaining() / 4 + 1),
                bytes.remaining()) : ValueBuffer.fixed(width, Math.min(size, bytes.remaining() / width + 1));
        decodePlain(column.getPrimitiveType().getPrimitiveTypeName(), bytes, size, values);
        return values;
    }

    static ByteBuffer byteBuffer(BytesInput input) {
        try {
            return input.toByteBuffer().slice().order(ByteOrder.LITTLE_ENDIAN);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void decodePlain(PrimitiveTypeName type, ByteBuffer buffer, int count, ValueBuffer values) {
        switch (type) {
            case BOOLEAN -> {
                int bytes = (count + 7) / 8;
                if (buffer.remaining() < bytes) {
                    throw new CorruptDataException("page ends before its " + count + " boolean values");
                }
                int start = values.reserveFixed(count);
                byte[] target = values.data();
                int base = buffer.position();
                for (int i = 0; i < count; i++) {
                    target[start + i] = (byte) ((buffer.get(base + (i >>> 3)) >>> (i & 7)) & 1);
                }
                buffer.position(base + bytes);
            }
            case BINARY -> {
                for (int i = 0; i < count; i++) {
                    if (buffer.remaining() < Integer.BYTES) {
                        throw new CorruptDataException("page ends after " + i + " of " + count + " byte arrays");
                    }
                    values.appendVariable(buffer, buffer.getInt());
                }
            }
            default -> values.appendFixed(buffer, count);
        }
    }

    /** The state of one chunk's decoding: its dictionary and scratch space. */
    private static final class ChunkState {

        private final ColumnDescriptor column;
        private final PrimitiveTypeName type;
        private final LeafData leaf;
        private final ValueBuffer dictionary;
        private final int maxDefinition;
        private final int maxRepetition;
        private int[] ids = new int[0];

        ChunkState(ColumnDescriptor column, LeafData leaf, ValueBuffer dictionary) {
            this.column = column;
            this.type = column.getPrimitiveType().getPrimitiveTypeName();
            this.leaf = leaf;
            this.dictionary = dictionary;
            this.maxDefinition = column.getMaxDefinitionLevel();
            this.maxRepetition = column.getMaxRepetitionLevel();
        }

        void decodeV1(DataPageV1 page) {
            ByteBuffer buffer = byteBuffer(page.getBytes());
            int count = page.getValueCount();
            int start = leaf.levelCount();
            if (maxRepetition > 0) {
                readLevelsV1(buffer, page.getRlEncoding(), maxRepetition, leaf.repetitionLevels(), start, count,
                        "repetition level");
            }
            if (maxDefinition > 0) {
                readLevelsV1(buffer, page.getDlEncoding(), maxDefinition, leaf.definitionLevels(), start, count,
                        "definition level");
            }
            decodeValues(buffer, page.getValueEncoding(), nonNullCount(start, count));
            leaf.addLevels(count);
        }

        void decodeV2(DataPageV2 page) {
            int count = page.getValueCount();
            int start = leaf.levelCount();
            if (maxRepetition > 0) {
                new RleBitPackedDecoder(byteBuffer(page.getRepetitionLevels()), bitWidth(maxRepetition))
                        .readBounded(leaf.repetitionLevels(), start, count, maxRepetition + 1, "repetition level");
            }
            if (maxDefinition > 0) {
                new RleBitPackedDecoder(byteBuffer(page.getDefinitionLevels()), bitWidth(maxDefinition))
                        .readBounded(leaf.definitionLevels(), start, count, maxDefinition + 1, "definition level");
            }
            decodeValues(byteBuffer(page.getData()), page.getDataEncoding(), nonNullCount(start, count));
            leaf.addLevels(count);
        }

        private static void readLevelsV1(ByteBuffer buffer, Encoding encoding, int maxLevel, int[] target,
                int offset, int count, String what) {
            int bitWidth = bitWidth(maxLevel);
            if (encoding == Encoding.RLE) {
                if (buffer.remaining() < Integer.BYTES) {
                    throw new CorruptDataException("page ends before its " + what + "s");
                }
                int length = buffer.getInt();
                if (length < 0 || length > buffer.remaining()) {
                    throw new CorruptDataException("invalid " + what + " length " + length);
                }
                ByteBuffer levels = buffer.slice(buffer.position(), length);
                buffer.position(buffer.position() + length);
                new RleBitPackedDecoder(levels, bitWidth).readBounded(target, offset, count, maxLevel + 1, what);
            } else if (encoding == Encoding.BIT_PACKED) {
                RleBitPackedDecoder.readBigEndianPacked(buffer, bitWidth, target, offset, count);
                for (int i = offset; i < offset + count; i++) {
                    if (target[i] > maxLevel) {
                        throw new CorruptDataException(what + " " + target[i] + " exceeds " + maxLevel);
                    }
                }
            } else {
                throw new CorruptDataException("unsupported " + what + " encoding " + encoding);
            }
        }

        private static int bitWidth(int maxLevel) {
            return 32 - Integer.numberOfLeadingZeros(maxLevel);
        }

        private int nonNullCount(int start, int count) {
            int[] definitions = leaf.definitionLevels();
            if (definitions == null) {
                return count;
            }
            int nonNull = 0;
            for (int i = start; i < start + count; i++) {
                if (definitions[i] == maxDefinition) {
                    nonNull++;
                }
            }
            return nonNull;
        }

        private void decodeValues(ByteBuffer buffer, Encoding encoding, int count) {
            if (count == 0) {
                return;
            }
            switch (encoding) {
                case PLAIN -> decodePlain(type, buffer, count, leaf.values());
                case PLAIN_DICTIONARY, RLE_DICTIONARY -> decodeDictionaryIds(buffer, count);
                case RLE -> {
                    if (type != PrimitiveTypeName.BOOLEAN) {
                        throw new CorruptDataException("RLE encoded values of type " + type);
                    }
                    decodeRleBooleans(buffer, count);
                }
                default -> throw new CorruptDataException("page encoding " + encoding + " of column "
                        + String.join(".", column.getPath()) + " is not listed in the column chunk's metadata");
            }
        }

        private void decodeRleBooleans(ByteBuffer buffer, int count) {
            if (buffer.remaining() < Integer.BYTES) {
                throw new CorruptDataException("page ends before its RLE booleans");
            }
            int length = buffer.getInt();
            if (length < 0 || length > buffer.remaining()) {
                throw new CorruptDataException("invalid RLE boolean length " + length);
            }
            int[] decoded = scratch(count);
            new RleBitPackedDecoder(buffer.slice(buffer.position(), length), 1).read(decoded, 0, count);
            ValueBuffer values = leaf.values();
            int start = values.reserveFixed(count);
            byte[] target = values.data();
            for (int i = 0; i < count; i++) {
                target[start + i] = (byte) decoded[i];
            }
        }

        private void decodeDictionaryIds(ByteBuffer buffer, int count) {
            if (dictionary == null) {
                throw new CorruptDataException("dictionary encoded page without a dictionary page");
            }
            if (!buffer.hasRemaining()) {
                throw new CorruptDataException("dictionary encoded page has no data");
            }
            int bitWidth = buffer.get() & 0xFF;
            int[] decoded = scratch(count);
            new RleBitPackedDecoder(buffer.slice(), bitWidth).readBounded(decoded, 0, count, dictionary.count(),
                    "dictionary id");
            ValueBuffer values = leaf.values();
            if (dictionary.isVariable()) {
                values.appendVariable(dictionary, decoded, count);
                return;
            }
            int width = dictionary.width();
            int start = values.reserveFixed(count);
            byte[] target = values.data();
            byte[] source = dictionary.data();
            DictionaryGather.gather(source, width, decoded, count, target, start);
        }

        private int[] scratch(int count) {
            if (ids.length < count) {
                ids = new int[Math.max(count, ids.length * 2)];
            }
            return ids;
        }
    }
}
