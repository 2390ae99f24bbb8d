package dev.pipetune.app.run;

import dev.pipetune.engine.block.Block;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.types.pojo.Field;

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
        List<String> header = blocks.getFirst().schema().getFields().stream().map(Field::getName).toList();
        List<List<String>> rows = new ArrayList<>();
        for (Block block : blocks) {
            for (int row = 0; row < block.rows() && rows.size() < limit; row++) {
                List<String> cells = new ArrayList<>();
                for (FieldVector vector : block.root().getFieldVectors()) {
                    cells.add(cell(vector, row));
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
