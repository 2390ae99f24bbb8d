package dev.pipetune.engine.io.parquet;

/**
 * Where a schema node sits in the Dremel levels of its leaf columns.
 *
 * <p>An entry {@code i} of a leaf's levels is a slot (one value position) of the node when
 * {@code repetition[i] <= repetition} and {@code definition[i] >= ancestorDefinition}; the slot is non-null when
 * {@code definition[i] >= definition}.
 *
 * @param definition the definition level at which the node's value is present (non-null)
 * @param repetition the repetition level of the node's slots (the number of repeated ancestors)
 * @param ancestorDefinition the definition level of the nearest repeated ancestor (0 when there is none)
 */
record Levels(int definition, int repetition, int ancestorDefinition) {

    boolean isSlot(int definitionLevel, int repetitionLevel) {
        return repetitionLevel <= repetition && definitionLevel >= ancestorDefinition;
    }
}
