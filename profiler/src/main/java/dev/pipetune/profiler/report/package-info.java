/**
 * The report of {@code pipetune check}: a {@link dev.pipetune.profiler.report.CheckReport} (success metrics, rule
 * findings, checklist) and its writers for text, JSON (a fixed schema, see {@link
 * dev.pipetune.profiler.report.JsonReportWriter}), Markdown and self-contained HTML.
 */
package dev.pipetune.profiler.report;
