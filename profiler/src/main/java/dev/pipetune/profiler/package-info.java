/** Samplers, recordings, rules, checklist and optimizer of pipetune. */
package dev.pipetune.profiler;
