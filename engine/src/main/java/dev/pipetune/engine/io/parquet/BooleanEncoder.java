package dev.pipetune.engine.io.parquet;

import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.vector.FieldVector;
import org.apache.parquet.bytes.BytesInput;
import org.apache.parquet.column.Encoding;
import org.apache.parquet.column.statistics.Statistics;

/** PLAIN-encodes BOOLEAN columns: the values are bit-packed, least significant bit first, as Arrow stores them. */
final class BooleanEncoder extends ValueEncoder {

    private final BitBuffer values = new BitBuffer();
    private byte[] scratch = new byte[1 << 10];

    BooleanEncoder(int pageLimit) {
        super(pageLimit);
    }

    @Override
    int append(FieldVector vector, SliceValidity validity, int from, int to) {
        long room = Math.max(1, (long) pageLimit * Byte.SIZE - values.size());
        int end = (int) Math.min(to, from + room);
        ArrowBuf data = vector.getDataBuffer();
        int firstByte = from >>> 3;
        int length = ((end + 7) >>> 3) - firstByte;
        if (scratch.length < length) {
            scratch = new byte[Math.max(length, scratch.length * 2)];
        }
        data.getBytes(firstByte, scratch, 0, length);
        int firstBit = from - (firstByte << 3);
        if (validity == null) {
            values.appendBits(scratch, firstBit, end - from);
            return end;
        }
        for (int row = from; row < end; row++) {
            if (validity.isValid(row)) {
                int bit = firstBit + row - from;
                values.append((scratch[bit >>> 3] & (1 << (bit & 7))) != 0);
            }
        }
        return end;
    }

    @Override
    long pageBytes() {
        return values.byteSize();
    }

    @Override
    PageValues encodePage(Statistics<?> statistics) {
        int count = values.size();
        if (count > 0) {
            int ones = values.countOnes();
            statistics.updateStats(ones == count);
            statistics.updateStats(ones > 0);
        }
        return new PageValues(BytesInput.from(values.array(), 0, values.byteSize()), Encoding.PLAIN);
    }

    @Override
    void clearPage() {
        values.reset();
    }
}
