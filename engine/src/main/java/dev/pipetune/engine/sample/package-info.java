/**
 * The bundled sample dataset: {@link dev.pipetune.engine.sample.SampleData} writes the events (Parquet and CSV) and
 * documents of the anchor workloads deterministically from a seed, for the examples and the first launch of the GUI.
 */
package dev.pipetune.engine.sample;
