/**
 * Export of pipelines to other runtimes: {@link dev.pipetune.profiler.export.RayScriptGenerator} turns a
 * {@link dev.pipetune.engine.pipeline.Pipeline} into a runnable Ray Data Python script with the same steps and
 * settings, in the form a chosen {@link dev.pipetune.profiler.export.RayVersion} expects. Pipeline files themselves
 * are written by the engine's {@link dev.pipetune.engine.pipeline.PipelineWriter}. The optimizer and the GUI reuse
 * both to export tuned configurations.
 */
package dev.pipetune.profiler.export;
