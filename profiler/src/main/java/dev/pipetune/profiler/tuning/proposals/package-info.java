/**
 * Proposals along the seed's four levels (native operations, batching, resources, data format): each an edit of the
 * pipeline found by analysing it, by a sweep, or by looking at what it does on the sample (a prefix's rows, a baseline
 * recording), measured before and after on the same sample.
 */
package dev.pipetune.profiler.tuning.proposals;
