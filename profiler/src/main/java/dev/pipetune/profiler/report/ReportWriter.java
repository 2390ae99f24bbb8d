package dev.pipetune.profiler.report;

import java.io.IOException;

/** Writes a {@link CheckReport} in one format. Implementations are stateless. */
public interface ReportWriter {

    /**
     * Writes a report.
     *
     * @param report the report
     * @param out where to write; not closed
     * @throws IOException when writing fails
     */
    void write(CheckReport report, Appendable out) throws IOException;
}
