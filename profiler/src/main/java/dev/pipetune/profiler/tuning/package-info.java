/**
 * The optimizer: sweeps of step and context settings run as measured trials on samples of the input (grid or
 * successive halving), studies that keep every trial's measurements, and proposals along the seed's four levels,
 * each measured before and after on the same sample. No JavaFX; the command line and the GUI share it.
 */
package dev.pipetune.profiler.tuning;
