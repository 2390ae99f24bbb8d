/**
 * Proposals along the seed's four levels (native operations, batching, resources, data format): each an edit of the
 * pipeline found by analysing it or by a sweep, measured before and after on the same sample.
 */
package dev.pipetune.profiler.tuning.proposals;
