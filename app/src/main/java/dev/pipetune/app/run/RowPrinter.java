package dev.pipetune.app.run;

import dev.pipetune.engine.block.Block;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apache.arrow.vector.FieldVector;

/** Prints the first rows of result blocks as a text table, for the {@code show} step. */
public final class RowPrinter {

    private static final int MAX_CELL = 40;

    private RowPrinter() {
    }

    /**
     * Prints up to {@code limit} rows.
     *
     * @param blocks the rows
     * @param limit the most rows to print
     * @param out where to print
     */
    public static void print(List<Block> blocks, int limit, PrintWriter out) {
        if (blocks.isEmpty()) {
            out.println("(no rows)");
            out.flush();
            return;
        }
        // Blocks of files whose schemas were inferred one by one may differ: every column any block has gets a
        // column of the table, in order of first appearance, blank where a block lacks it.
        Set<String> names = new LinkedHashSet<>();
        for (Block block : blocks) {
            block.schema().getFields().forEach(field -> names.add(field.getName()));
        }
        List<String> header = List.copyOf(names);
        List<List<String>> rows = new ArrayList<>();
        for (Block block : blocks) {
            List<FieldVector> vectors = header.stream().map(name -> block.root().getVector(name)).toList();
            for (int row = 0; row < block.rows() && rows.size() < limit; row++) {
                List<String> cells = new ArrayList<>();
                for (FieldVector vector : vectors) {
                    cells.add(vector == null ? "" : cell(vector, row));
                }
                rows.add(cells);
            }
        }
        int[] widths = new int[header.size()];
        for (int column = 0; column < header.size(); column++) {
            widths[column] = header.get(column).length();
            for (List<String> cells : rows) {
                widths[column] = Math.max(widths[column], cells.get(column).length());
            }
        }
        out.println(line(header, widths));
        StringBuilder rule = new StringBuilder();
        for (int width : widths) {
            rule.append(rule.isEmpty() ? "" : "-+-").append("-".repeat(width));
        }
        out.println(rule);
        rows.forEach(cells -> out.println(line(cells, widths)));
        out.flush();
    }

    private static String cell(FieldVector vector, int row) {
        Object value = vector.getObject(row);
        String text = value == null ? "null" : value instanceof byte[] bytes ? bytes.length + " bytes"
                : value.toString().replace('\n', ' ').replace('\r', ' ');
        return text.length() > MAX_CELL ? text.substring(0, MAX_CELL - 3) + "..." : text;
    }

    private static String line(List<String> cells, int[] widths) {
        StringBuilder line = new StringBuilder();
        for (int column = 0; column < cells.size(); column++) {
            if (column > 0) {
                line.append(" | ");
            }
            line.append(String.format("%-" + widths[column] + "s", cells.get(column)));
        }
        return line.toString().stripTrailing();
    }
}
