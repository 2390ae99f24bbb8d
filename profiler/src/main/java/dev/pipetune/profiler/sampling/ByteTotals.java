package dev.pipetune.profiler.sampling;

/**
 * Two cumulative byte counters of a set of devices since boot: disks' bytes read and written, or network interfaces'
 * bytes received and sent.
 *
 * @param incoming bytes read from the disks, or received by the interfaces
 * @param outgoing bytes written to the disks, or sent by the interfaces
 */
record ByteTotals(long incoming, long outgoing) {
}
