package dev.pipetune.app.cli;

import dev.pipetune.profiler.tuning.Proposal;
import dev.pipetune.profiler.tuning.Trial;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;

/** Prints measured proposals by level, numbered for {@code --apply}, with before/after throughput and speedup. */
final class ProposalReport {

    private ProposalReport() {
    }

    static void print(List<Proposal> proposals, PrintWriter out) {
        out.println("proposals by level (before -> after on the same sample, median rows/s):");
        for (int level = 1; level <= 4; level++) {
            out.printf(Locale.ROOT, "level %d, %s:%n", level, Proposal.levelName(level));
            boolean any = false;
            for (int index = 0; index < proposals.size(); index++) {
                Proposal proposal = proposals.get(index);
                if (proposal.level() != level) {
                    continue;
                }
                any = true;
                out.printf(Locale.ROOT, "  [%d] %s: %s -> %s, %s%n", index + 1, proposal.title(),
                        throughput(proposal.before()), throughput(proposal.after()), proposal.speedup()
                                .map(speedup -> String.format(Locale.ROOT, "%.2fx%s", speedup,
                                        proposal.after().withinNoiseOf(proposal.before()) ? " (within the noise)"
                                                : ""))
                                .orElse("not measurable"));
                for (String change : proposal.changes()) {
                    out.println("      edit: " + change);
                }
                out.println("      why: " + proposal.explanation());
                if (!proposal.preparation().isEmpty()) {
                    out.println("      first convert the input once with: pipetune run on");
                    out.print(proposal.preparation().indent(8));
                }
            }
            if (!any) {
                out.println("  (nothing to propose" + (level == 2 || level == 3 ? "; sweep batch_size, num_cpus or "
                        + "concurrency with --sweep to get proposals here)" : ")"));
            }
        }
        out.flush();
    }

    private static String throughput(Trial trial) {
        return trial.feasible() ? String.format(Locale.ROOT, "%,.0f (MAD %.1f%%)", trial.medianThroughput(),
                trial.throughput().relativeDeviation() * 100) : "infeasible (" + trial.infeasibleReason() + ")";
    }
}
