/**
 * The optimizer's view in the workbench: sweeps and the four levels' proposals run as in {@code pipetune tune}, with
 * a live table of trials, a heat map of throughput over two axes, a Pareto view of throughput against peak memory,
 * the best feasible configuration and the proposals, each applied to the pipeline in the editor in one step.
 */
package dev.pipetune.app.tuning;
