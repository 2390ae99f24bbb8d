package dev.pipetune.engine.io.parquet;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.ipc.message.ArrowFieldNode;
import org.apache.arrow.vector.ipc.message.ArrowRecordBatch;
import org.apache.parquet.column.ColumnDescriptor;

/**
 * Builds an Arrow record batch (field nodes and buffers in the Arrow IPC layout) from decoded column chunks, so
 * that {@link org.apache.arrow.vector.VectorLoader} can load it into vectors without per-value calls.
 */
final class BatchAssembler {

    private static final VarHandle INTS = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long JULIAN_DAY_OF_EPOCH = 2_440_588L;
    private static final long NANOS_PER_DAY = 86_400_000_000_000L;
    private static final int DECIMAL_BYTES = 16;

    private final BufferAllocator allocator;
    private final Map<ColumnDescriptor, LeafData> data;
    private final List<ArrowFieldNode> nodes = new ArrayList<>();
    private final List<ArrowBuf> buffers = new ArrayList<>();

    private BatchAssembler(BufferAllocator allocator, Map<ColumnDescriptor, LeafData> data) {
        this.allocator = allocator;
        this.data = data;
    }

    /**
     * Assembles a record batch.
     *
     * @param allocator the allocator for the batch's buffers
     * @param columns the top-level columns, in output order
     * @param data the decoded chunks of every leaf under {@code columns}
     * @param rowCount the row group's row count
     * @return a batch the caller must close
     */
    static ArrowRecordBatch assemble(BufferAllocator allocator, List<ColumnNode> columns,
            Map<ColumnDescriptor, LeafData> data, int rowCount) {
        BatchAssembler assembler = new BatchAssembler(allocator, data);
        try {
            for (ColumnNode column : columns) {
                int slots = assembler.append(column);
                if (slots != rowCount) {
                    throw new CorruptDataException("column " + column.field().getName() + " has " + slots
                            + " rows but its row group has " + rowCount);
                }
            }
            return new ArrowRecordBatch(rowCount, assembler.nodes, assembler.buffers);
        } finally {
            // The batch holds its own references; release the assembler's.
            assembler.buffers.forEach(ArrowBuf::close);
        }
    }

    private int append(ColumnNode node) {
        LeafData first = data.get(node.leaves().getFirst().descriptor());
        return switch (node) {
            case LeafNode leaf -> appendLeaf(leaf, first);
            case StructNode struct -> {
                Slots slots = Slots.of(struct.levels(), first);
                addNode(slots);
                for (ColumnNode child : struct.children()) {
                    expectSlots(child, append(child), slots.count());
                }
                yield slots.count();
            }
            case ListNode list -> {
                Slots slots = Slots.ofList(list.levels(), list.elementDefinition(), first);
                addNode(slots);
                buffers.add(intBuffer(slots.offsets(), slots.count() + 1));
                expectSlots(list.element(), append(list.element()), slots.offsets()[slots.count()]);
                yield slots.count();
            }
            case MapNode map -> {
                Slots slots = Slots.ofList(map.levels(), map.entryDefinition(), first);
                addNode(slots);
                buffers.add(intBuffer(slots.offsets(), slots.count() + 1));
                int entries = slots.offsets()[slots.count()];
                byte[] allValid = new byte[(entries + 7) / 8];
                java.util.Arrays.fill(allValid, (byte) 0xFF);
                nodes.add(new ArrowFieldNode(entries, 0));
                buffers.add(heapBuffer(allValid, allValid.length));
                expectSlots(map.key(), append(map.key()), entries);
                expectSlots(map.value(), append(map.value()), entries);
                yield slots.count();
            }
        };
    }

    private static void expectSlots(ColumnNode child, int actual, int expected) {
        if (actual != expected) {
            throw new CorruptDataException("field " + child.field().getName() + " has " + actual
                    + " values where its parent has " + expected);
        }
    }

    private void addNode(Slots slots) {
        nodes.add(new ArrowFieldNode(slots.count(), slots.nullCount()));
        buffers.add(heapBuffer(slots.validity(), (slots.count() + 7) / 8));
    }

    private int appendLeaf(LeafNode leaf, LeafData leafData) {
        Slots slots = Slots.of(leaf.levels(), leafData);
        ValueBuffer values = leafData.values();
        int present = slots.count() - slots.nullCount();
        if (present != values.count()) {
            throw new CorruptDataException("column " + leaf.path() + " has " + values.count()
                    + " values for " + present + " non-null slots");
        }
        if (leaf.conversion() == ValueConversion.NULL) {
            nodes.add(new ArrowFieldNode(slots.count(), slots.count()));
            return slots.count();
        }
        addNode(slots);
        ValueConversion conversion = leaf.conversion();
        switch (conversion) {
            case VARIABLE -> appendVariable(slots, values);
            case BOOLEAN_BITS -> appendBooleans(slots, values);
            case COPY -> appendFixed(slots, values, conversion, values.width());
            case NARROW_TO_8 -> appendFixed(slots, values, conversion, 1);
            case NARROW_TO_16 -> appendFixed(slots, values, conversion, 2);
            case INT96_TO_NANOS -> appendFixed(slots, values, conversion, Long.BYTES);
            case DECIMAL_FROM_INT32, DECIMAL_FROM_INT64, DECIMAL_FROM_BIG_ENDIAN ->
                    appendFixed(slots, values, conversion, DECIMAL_BYTES);
            default -> throw new IllegalStateException("unexpected conversion " + conversion);
        }
        return slots.count();
    }

    private void appendFixed(Slots slots, ValueBuffer values, ValueConversion conversion, int outputWidth) {
        byte[] source = values.data();
        if (conversion == ValueConversion.COPY && slots.nullCount() == 0) {
            buffers.add(heapBuffer(source, values.dataLength()));
            return;
        }
        byte[] target = new byte[Math.multiplyExact(slots.count(), outputWidth)];
        int width = values.width();
        int valueIndex = 0;
        for (int slot = 0; slot < slots.count(); slot++) {
            if (slots.isValid(slot)) {
                convertValue(conversion, values, source, valueIndex, width, target, slot * outputWidth);
                valueIndex++;
            }
        }
        buffers.add(heapBuffer(target, target.length));
    }

    private static void convertValue(ValueConversion conversion, ValueBuffer values, byte[] source, int index,
            int width, byte[] target, int at) {
        int from = index * width;
        switch (conversion) {
            case COPY -> System.arraycopy(source, from, target, at, width);
            case NARROW_TO_8 -> target[at] = source[from];
            case NARROW_TO_16 -> {
                target[at] = source[from];
                target[at + 1] = source[from + 1];
            }
            case INT96_TO_NANOS -> {
                long nanosOfDay = (long) LONGS.get(source, from);
                long julianDay = Integer.toUnsignedLong((int) INTS.get(source, from + Long.BYTES));
                LONGS.set(target, at, (julianDay - JULIAN_DAY_OF_EPOCH) * NANOS_PER_DAY + nanosOfDay);
            }
            case DECIMAL_FROM_INT32 -> writeDecimal(target, at, (int) INTS.get(source, from));
            case DECIMAL_FROM_INT64 -> writeDecimal(target, at, (long) LONGS.get(source, from));
            case DECIMAL_FROM_BIG_ENDIAN -> {
                if (values.isVariable()) {
                    int[] offsets = values.offsets();
                    bigEndianToDecimal(source, offsets[index], offsets[index + 1] - offsets[index], target, at);
                } else {
                    bigEndianToDecimal(source, from, width, target, at);
                }
            }
            default -> throw new IllegalStateException("unexpected conversion " + conversion);
        }
    }

    private static void writeDecimal(byte[] target, int at, long value) {
        LONGS.set(target, at, value);
        LONGS.set(target, at + Long.BYTES, value < 0 ? -1L : 0L);
    }

    private static void bigEndianToDecimal(byte[] source, int from, int length, byte[] target, int at) {
        if (length == 0) {
            java.util.Arrays.fill(target, at, at + DECIMAL_BYTES, (byte) 0);
            return;
        }
        byte sign = source[from] < 0 ? (byte) -1 : 0;
        int copied = Math.min(length, DECIMAL_BYTES);
        for (int i = 0; i < copied; i++) {
            target[at + i] = source[from + length - 1 - i];
        }
        for (int i = copied; i < DECIMAL_BYTES; i++) {
            target[at + i] = sign;
        }
        for (int i = 0; i < length - DECIMAL_BYTES; i++) {
            if (source[from + i] != sign) {
                throw new CorruptDataException("a decimal value does not fit in 128 bits");
            }
        }
        if (length > DECIMAL_BYTES && (target[at + DECIMAL_BYTES - 1] < 0) != (sign < 0)) {
            throw new CorruptDataException("a decimal value does not fit in 128 bits");
        }
    }

    private void appendBooleans(Slots slots, ValueBuffer values) {
        byte[] bits = new byte[(slots.count() + 7) / 8];
        byte[] source = values.data();
        int valueIndex = 0;
        for (int slot = 0; slot < slots.count(); slot++) {
            if (slots.isValid(slot)) {
                if (source[valueIndex] != 0) {
                    bits[slot >>> 3] |= (byte) (1 << (slot & 7));
                }
                valueIndex++;
            }
        }
        buffers.add(heapBuffer(bits, bits.length));
    }

    private void appendVariable(Slots slots, ValueBuffer values) {
        int[] source = values.offsets();
        int[] offsets;
        if (slots.nullCount() == 0) {
            offsets = source;
        } else {
            offsets = new int[slots.count() + 1];
            int valueIndex = 0;
            for (int slot = 0; slot < slots.count(); slot++) {
                if (slots.isValid(slot)) {
                    valueIndex++;
                }
                offsets[slot + 1] = source[valueIndex];
            }
        }
        buffers.add(intBuffer(offsets, slots.count() + 1));
        buffers.add(heapBuffer(values.data(), values.dataLength()));
    }

    private ArrowBuf heapBuffer(byte[] bytes, int length) {
        ArrowBuf buffer = allocator.buffer(length);
        buffer.setBytes(0, bytes, 0, length);
        return buffer;
    }

    private ArrowBuf intBuffer(int[] values, int count) {
        ArrowBuf buffer = allocator.buffer((long) count * Integer.BYTES);
        buffer.nioBuffer(0, count * Integer.BYTES).order(ByteOrder.LITTLE_ENDIAN).asIntBuffer().put(values, 0, count);
        return buffer;
    }
}
