/**
 * The rules pipetune ships: the seed's success metrics, its troubleshooting diagnoses and the configuration checks of
 * its resource table, memory management and monitoring advice. Each is registered in
 * {@code META-INF/services/dev.pipetune.profiler.rules.Rule}.
 */
package dev.pipetune.profiler.rules.builtin;
