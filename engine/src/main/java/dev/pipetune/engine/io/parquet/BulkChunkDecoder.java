package dev.pipetune.engine.io.parquet;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.apache.parquet.bytes.BytesInput;
import org.apache.parquet.column.Encoding;
import org.apache.parquet.column.page.DataPage;
import org.apache.parquet.column.page.DataPageV1;
import org.apache.parquet.column.page.DataPageV2;
import org.apache.parquet.column.page.DictionaryPage;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.column.page.PageReader;

/**
 * Decodes PLAIN and dictionary encoded column chunks in bulk: pages come decompressed from a page reader, levels
 * and dictionary ids are decoded run by run, and values go straight into the Arrow buffers through a
 * {@link LeafColumnBuilder}. Each page is fully consumed before the next is read, so pages may share one reusable
 * decompression buffer (see {@link ReaderCodecFactory}).
 */
record BulkChunkDecoder() implements ColumnChunkDecoder {

    /**
     * The most entries a numeric column's dictionary may have for the column to come as ids: few enough that an
     * aggregation can mark which entries each group holds in one 64-bit word. With more, the values are gathered here
     * once, as the aggregation would otherwise do, and the block does not carry a large dictionary along.
     */
    static final int MAX_NUMERIC_ENTRIES = Long.SIZE;

    @Override
    public LeafColumn decode(LeafNode leaf, PageReadStore pages, ChunkOptions options) {
        return decode(leaf, pages, options, false);
    }

    /**
     * Decodes a chunk, keeping dictionary ids and the dictionary instead of the values when asked.
     *
     * @param leaf the leaf column
     * @param pages the row group's pages
     * @param options how to decode
     * @param dictionaryIds whether to keep ids: only for a chunk whose every data page is dictionary encoded; byte
     *     arrays keep them always, numbers only when the dictionary has at most {@link #MAX_NUMERIC_ENTRIES} entries
     * @return the decoded chunk, which the caller must close
     */
    LeafColumn decode(LeafNode leaf, PageReadStore pages, ChunkOptions options, boolean dictionaryIds) {
        PageReader reader = pages.getPageReader(leaf.descriptor());
        DictionaryPage dictionary = readDictionaryPage(reader, options.scratch());
        boolean ids = dictionaryIds && (leaf.conversion() == ValueConversion.VARIABLE
                || dictionary != null && dictionary.getDictionarySize() <= MAX_NUMERIC_ENTRIES);
        try (LeafColumnBuilder builder = new LeafColumnBuilder(leaf, reader.getTotalValueCount(),
                options.keepLevels(), options.sizeHint(), options.allocator(), options.scratch(), ids)) {
            if (dictionary != null) {
                Encoding encoding = dictionary.getEncoding();
                if (encoding != Encoding.PLAIN && encoding != Encoding.PLAIN_DICTIONARY) {
                    throw new CorruptDataException("unsupported dictionary page encoding " + encoding);
                }
                builder.readDictionary(byteBuffer(dictionary.getBytes()), dictionary.getDictionarySize());
            }
            PageDecoder decoder = new PageDecoder(builder, options.scratch());
            DataPage page;
            while ((page = reader.readPage()) != null) {
                builder.prepareLevels(page.getValueCount());
                switch (page) {
                    case DataPageV1 v1 -> decoder.decodeV1(v1);
                    case DataPageV2 v2 -> decoder.decodeV2(v2);
                    default -> throw new CorruptDataException("unknown data page kind "
                            + page.getClass().getSimpleName());
                }
            }
            return builder.build();
        }
    }

    /**
     * Reads a chunk's dictionary page into the scratch's dictionary array, so that its bytes stay valid while the
     * chunk's data pages are decompressed.
     */
    private static DictionaryPage readDictionaryPage(PageReader reader, DecodeScratch scratch) {
        if (scratch == null) {
            return reader.readDictionaryPage();
        }
        scratch.readingDictionaryPage(true);
        try {
            return reader.readDictionaryPage();
        } finally {
            scratch.readingDictionaryPage(false);
        }
    }

    static ByteBuffer byteBuffer(BytesInput input) {
        try {
            return input.toByteBuffer().slice().order(ByteOrder.LITTLE_ENDIAN);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Decodes one page after another into a builder, with scratch space for dictionary ids. */
    private static final class PageDecoder {

        private final LeafColumnBuilder builder;
        private final DecodeScratch scratch;

        PageDecoder(LeafColumnBuilder builder, DecodeScratch scratch) {
            this.builder = builder;
            this.scratch = scratch;
        }

        void decodeV1(DataPageV1 page) {
            ByteBuffer buffer = byteBuffer(page.getBytes());
            int count = page.getValueCount();
            int offset = builder.levelOffset();
            if (builder.maxRepetition() > 0) {
                readLevelsV1(buffer, page.getRlEncoding(), builder.maxRepetition(), builder.repetitionLevels(),
                        offset, count, "repetition level", false);
            }
            boolean allPresent = builder.maxDefinition() == 0;
            if (builder.maxDefinition() > 0) {
                allPresent = readLevelsV1(buffer, page.getDlEncoding(), builder.maxDefinition(),
                        builder.definitionLevels(), offset, count, "definition level", builder.mayOmitLevels());
            }
            decodeValues(buffer, page.getValueEncoding(), builder.addPage(count, allPresent));
        }

        void decodeV2(DataPageV2 page) {
            int count = page.getValueCount();
            int offset = builder.levelOffset();
            int maxRepetition = builder.maxRepetition();
            int maxDefinition = builder.maxDefinition();
            if (maxRepetition > 0) {
                new RleBitPackedDecoder(byteBuffer(page.getRepetitionLevels()), bitWidth(maxRepetition))
                        .readBounded(builder.repetitionLevels(), offset, count, maxRepetition + 1, "repetition level");
            }
            boolean allPresent = maxDefinition == 0;
            if (maxDefinition > 0) {
                RleBitPackedDecoder levels = new RleBitPackedDecoder(byteBuffer(page.getDefinitionLevels()),
                        bitWidth(maxDefinition));
                allPresent = builder.mayOmitLevels() && levels.skipRepeated(count, maxDefinition);
                if (!allPresent) {
                    levels.readBounded(builder.definitionLevels(), offset, count, maxDefinition + 1,
                            "definition level");
                }
            }
            decodeValues(byteBuffer(page.getData()), page.getDataEncoding(), builder.addPage(count, allPresent));
        }

        /**
         * Reads a data page v1's levels and moves the buffer past them.
         *
         * @param mayOmit whether the levels need not be written when they are all {@code maxLevel}
         * @return {@code true} when every level is {@code maxLevel} and none was written
         */
        private static boolean readLevelsV1(ByteBuffer buffer, Encoding encoding, int maxLevel, int[] target,
                int offset, int count, String what, boolean mayOmit) {
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
                RleBitPackedDecoder decoder = new RleBitPackedDecoder(levels, bitWidth);
                if (mayOmit && decoder.skipRepeated(count, maxLevel)) {
                    return true;
                }
                decoder.readBounded(target, offset, count, maxLevel + 1, what);
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
            return false;
        }

        private static int bitWidth(int maxLevel) {
            return 32 - Integer.numberOfLeadingZeros(maxLevel);
        }

        private void decodeValues(ByteBuffer buffer, Encoding encoding, int count) {
            if (count == 0) {
                return;
            }
            switch (encoding) {
                case PLAIN -> builder.plainValues(buffer);
                case PLAIN_DICTIONARY, RLE_DICTIONARY -> decodeDictionaryIds(buffer, count);
                case RLE -> decodeRleBooleans(buffer, count);
                default -> throw new CorruptDataException("page encoding " + encoding + " of column "
                        + builder.path() + " is not listed in the column chunk's metadata");
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
            int[] decoded = scratch.values(count);
            new RleBitPackedDecoder(buffer.slice(buffer.position(), length), 1).read(decoded, 0, count);
            builder.booleanValues(decoded);
        }

        private void decodeDictionaryIds(ByteBuffer buffer, int count) {
            int dictionarySize = builder.dictionarySize();
            if (dictionarySize < 0) {
                throw new CorruptDataException("dictionary encoded page without a dictionary page");
            }
            if (!buffer.hasRemaining()) {
                throw new CorruptDataException("dictionary encoded page has no data");
            }
            int bitWidth = buffer.get() & 0xFF;
            int[] decoded = scratch.values(count);
            new RleBitPackedDecoder(buffer.slice(), bitWidth).readBounded(decoded, 0, count, dictionarySize,
                    "dictionary id");
            builder.dictionaryValues(decoded);
        }
    }
}
