/**
 * Recordings: the self-contained record of one run (pipeline, environment, outcome, sampled series, the engine's
 * counters over time and events), the {@code .ptrec} file format that stores it, and comparisons of two recordings.
 */
package dev.pipetune.profiler.recording;
