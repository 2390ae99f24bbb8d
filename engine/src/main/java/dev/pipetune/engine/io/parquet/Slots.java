package dev.pipetune.engine.io.parquet;

/**
 * The value positions (slots) of one schema node, computed from the levels of one of its leaves.
 *
 * @param count the number of slots
 * @param nullCount the number of null slots
 * @param validity the validity bitmap (bit {@code i} set when slot {@code i} is non-null)
 * @param offsets for lists and maps, the element offsets ({@code count + 1} entries); otherwise {@code null}
 */
record Slots(int count, int nullCount, byte[] validity, int[] offsets) {

    boolean isValid(int slot) {
        return (validity[slot >>> 3] & (1 << (slot & 7))) != 0;
    }

    /**
     * Computes the slots of a struct or leaf node.
     *
     * @param levels the node's levels
     * @param leaf the levels of a leaf under the node
     * @return the slots, without offsets
     */
    static Slots of(Levels levels, LeafColumn leaf) {
        int entries = leaf.levelCount();
        int[] definitions = leaf.definitionLevels();
        int[] repetitions = leaf.repetitionLevels();
        byte[] validity = new byte[(entries + 7) / 8];
        if (repetitions == null && levels.ancestorDefinition() == 0) {
            // Flat: every entry is a slot.
            int nulls = 0;
            if (definitions == null || levels.definition() == 0) {
                java.util.Arrays.fill(validity, (byte) 0xFF);
                return new Slots(entries, 0, validity, null);
            }
            int required = levels.definition();
            for (int i = 0; i < entries; i++) {
                if (definitions[i] >= required) {
                    validity[i >>> 3] |= (byte) (1 << (i & 7));
                } else {
                    nulls++;
                }
            }
            return new Slots(entries, nulls, validity, null);
        }
        int count = 0;
        int nulls = 0;
        for (int i = 0; i < entries; i++) {
            int definition = leaf.definitionLevel(i);
            if (levels.isSlot(definition, leaf.repetitionLevel(i))) {
                if (definition >= levels.definition()) {
                    validity[count >>> 3] |= (byte) (1 << (count & 7));
                } else {
                    nulls++;
                }
                count++;
            }
        }
        return new Slots(count, nulls, validity, null);
    }

    /**
     * Computes the slots and element offsets of a list or map node.
     *
     * @param levels the node's levels
     * @param elementDefinition the definition level at which the list has an element
     * @param leaf the levels of a leaf under the node
     * @return the slots with offsets
     */
    static Slots ofList(Levels levels, int elementDefinition, LeafColumn leaf) {
        int entries = leaf.levelCount();
        byte[] validity = new byte[(entries + 7) / 8];
        int[] offsets = new int[entries + 1];
        int elementRepetition = levels.repetition() + 1;
        int count = 0;
        int nulls = 0;
        int elements = 0;
        for (int i = 0; i < entries; i++) {
            int definition = leaf.definitionLevel(i);
            int repetition = leaf.repetitionLevel(i);
            if (levels.isSlot(definition, repetition)) {
                offsets[count] = elements;
                if (definition >= levels.definition()) {
                    validity[count >>> 3] |= (byte) (1 << (count & 7));
                } else {
                    nulls++;
                }
                count++;
            }
            if (repetition <= elementRepetition && definition >= elementDefinition) {
                if (count == 0) {
                    throw new CorruptDataException("a list element comes before the list's first row");
                }
                elements++;
            }
        }
        offsets[count] = elements;
        return new Slots(count, nulls, validity, offsets);
    }
}
