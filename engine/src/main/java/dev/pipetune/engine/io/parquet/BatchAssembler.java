package dev.pipetune.engine.io.parquet;

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

    private final BufferAllocator allocator;
    private final Map<ColumnDescriptor, LeafColumn> data;
    private final List<ArrowFieldNode> nodes = new ArrayList<>();
    private final List<ArrowBuf> buffers = new ArrayList<>();

    private BatchAssembler(BufferAllocator allocator, Map<ColumnDescriptor, LeafColumn> data) {
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
            Map<ColumnDescriptor, LeafColumn> data, int rowCount) {
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
        LeafColumn first = data.get(node.leaves().getFirst().descriptor());
        return switch (node) {
            case LeafNode _ -> appendLeaf(first);
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

    private int appendLeaf(LeafColumn column) {
        nodes.add(new ArrowFieldNode(column.slotCount(), column.nullCount()));
        for (ArrowBuf buffer : column.buffers()) {
            // The column keeps its reference; the assembler releases this one when it is done.
            buffer.getReferenceManager().retain();
            buffers.add(buffer);
        }
        return column.slotCount();
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
