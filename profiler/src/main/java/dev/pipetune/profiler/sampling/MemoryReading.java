package dev.pipetune.profiler.sampling;

/**
 * The machine's physical memory at one moment.
 *
 * @param totalBytes     physical memory in all; 0 when unknown
 * @param availableBytes memory available to new work without swapping; negative when unknown
 */
record MemoryReading(long totalBytes, long availableBytes) {
}
