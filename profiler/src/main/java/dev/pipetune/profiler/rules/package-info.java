/**
 * Automated analysis of recordings, modelled on JDK Mission Control's rules: each {@link
 * dev.pipetune.profiler.rules.Rule} is stateless, has typed thresholds, and turns a {@link
 * dev.pipetune.profiler.rules.RuleContext} (a recording, its pipeline and an optional baseline) into a {@link
 * dev.pipetune.profiler.rules.RuleResult}: a score, a severity, a summary, evidence and a fix expressed as pipeline
 * overrides. Rules are found with {@link java.util.ServiceLoader} through {@link dev.pipetune.profiler.rules.Rules}.
 */
package dev.pipetune.profiler.rules;
