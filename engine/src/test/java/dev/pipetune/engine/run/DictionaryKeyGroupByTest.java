package dev.pipetune.engine.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.pipetune.engine.block.Block;
import dev.pipetune.engine.io.parquet.EncodedBatch;
import dev.pipetune.engine.io.parquet.ParquetReader;
import dev.pipetune.engine.testing.Python;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.dictionary.Dictionary;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code read_parquet -> groupby} on a string key, which the source delivers dictionary encoded where a chunk is
 * entirely dictionary encoded (with the numeric columns that only min, max and count read), gives the same groups as
 * the same pipeline with a step in between (which turns the optimization off) and as pyarrow's own group-by: on fully
 * dictionary-encoded chunks, on chunks that fall back to PLAIN mid-chunk, with null keys, and with blocks split by
 * {@code target_max_block_size}.
 */
class DictionaryKeyGroupByTest {

    /**
     * Writes three kinds of files: {@code dict/} (50 distinct keys with nulls, entirely dictionary encoded),
     * {@code fallback/} (one row group of few keys, then row groups of thousands of distinct keys with a tiny
     * dictionary page limit, so the writer falls back to PLAIN mid-chunk), and prints pyarrow's group-by of each as
     * {@code dir|key|count|sum|then the other aggregations} lines. The numeric columns that only min, max and count
     * read come dictionary encoded too: qty (100 values), small (int32, 10 values and nulls), tiny (int8, narrowed),
     * ratio (30 doubles) and wide (thousands of values, falling back to PLAIN in {@code fallback/}).
     */
    private static final String WRITE = """
            import sys, random
            import pyarrow as pa, pyarrow.parquet as pq, pyarrow.compute as pc
            base = sys.argv[1]
            import os
            random.seed(7)
            def table(n, distinct, nulls):
                keys = [None if random.random() < nulls else "category-%03d-long-enough" % random.randrange(distinct)
                        if distinct > 60 else "c%d" % random.randrange(distinct) for _ in range(n)]
                return pa.table({"category": pa.array(keys, pa.string()),
                                 "value": pa.array([random.random() for _ in range(n)], pa.float64()),
                                 "qty": pa.array([random.randrange(100) for _ in range(n)], pa.int64()),
                                 "small": pa.array([None if random.random() < 0.03 else random.randrange(-5, 5)
                                                    for _ in range(n)], pa.int32()),
                                 "tiny": pa.array([random.randrange(-100, 100) for _ in range(n)], pa.int8()),
                                 "ratio": pa.array([random.randrange(30) / 7.0 for _ in range(n)], pa.float64()),
                                 "wide": pa.array([random.randrange(10 ** 6) for _ in range(n)], pa.int64())})
            os.makedirs(base + "/dict"); os.makedirs(base + "/fallback")
            d1 = table(20000, 50, 0.05); d2 = table(7000, 50, 0.0)
            pq.write_table(d1, base + "/dict/a.parquet", row_group_size=6000)
            pq.write_table(d2, base + "/dict/b.parquet", row_group_size=3000)
            f1 = pa.concat_tables([table(4000, 20, 0.01), table(16000, 5000, 0.02)])
            pq.write_table(f1, base + "/fallback/a.parquet", row_group_size=4000, dictionary_pagesize_limit=2000,
                           data_page_size=1000)
            for name, t in (("dict", pa.concat_tables([d1, d2])), ("fallback", f1)):
                g = t.group_by("category").aggregate([([], "count_all"), ("value", "sum"), ("qty", "max"),
                                                      ("small", "min"), ("small", "count"), ("tiny", "max"),
                                                      ("ratio", "min"), ("wide", "max")])
                for row in g.to_pylist():
                    rest = [row[c] for c in ("qty_max", "small_min", "small_count", "tiny_max", "ratio_min",
                                             "wide_max")]
                    print("|".join([name, str(row["category"]), str(row["count_all"]), repr(row["value_sum"])]
                                   + ["null" if v is None else repr(v) for v in rest]))
            """;

    @TempDir
    static Path data;

    private static List<String> pyarrowGroups;

    @BeforeAll
    static void writeFiles() throws Exception {
        assumeTrue(Python.hasModules("pyarrow", "pyarrow.parquet", "pyarrow.compute"), "pyarrow is missing");
        pyarrowGroups = Python.run(WRITE, data.toString()).lines().toList();
    }

    @Test
    void fullyDictionaryEncodedKeysWithNulls() throws Exception {
        checkAgainstPlainAndPyarrow("dict", "");
    }

    @Test
    void chunksFallingBackToPlainMidChunk() throws Exception {
        checkAgainstPlainAndPyarrow("fallback", "");
    }

    @Test
    void blocksSplitOverTheTargetSize() throws Exception {
        checkAgainstPlainAndPyarrow("dict", "context: {target_max_block_size: 20KiB}\n");
        checkAgainstPlainAndPyarrow("fallback", "context: {target_max_block_size: 20KiB}\n");
    }

    /**
     * A writer may store a dictionary with entries that no row holds (pyarrow writes an Arrow dictionary array's whole
     * dictionary): they are no groups, as in pyarrow's own group-by.
     */
    @Test
    void dictionaryEntriesThatNoRowHoldsAreNoGroups() throws Exception {
        Python.run("""
                import sys, os, pyarrow as pa, pyarrow.parquet as pq
                os.makedirs(sys.argv[1] + "/unused")
                keys = pa.DictionaryArray.from_arrays(pa.array([0, 2, None, 0, 2, 4], pa.int32()),
                                                      pa.array(["a", "b", "c", "d", "e", "f"]))
                table = pa.table({"category": keys, "qty": pa.array([1, 2, 3, 4, 5, 6], pa.int64())})
                pq.write_table(table, sys.argv[1] + "/unused/a.parquet")
                """, data.toString());
        Map<String, String> counts = new TreeMap<>();
        try (RunResult result = EngineFixture.run("""
                pipeline:
                  - read_parquet: {paths: unused}
                  - groupby: {key: category, aggregate: ["count() as count", "max(qty) as max_qty"]}
                """, data)) {
            for (Block block : result.execution().results()) {
                for (int row = 0; row < block.rows(); row++) {
                    Object key = block.root().getVector("category").getObject(row);
                    counts.put(String.valueOf(key), block.root().getVector("count").getObject(row) + "|"
                            + block.root().getVector("max_qty").getObject(row));
                }
            }
        }
        assertThat(counts).containsExactlyInAnyOrderEntriesOf(Map.of("a", "2|4", "c", "2|5", "e", "1|6", "null",
                "1|3"));
    }

    @Test
    void readerDeliversIdsOnlyForEntirelyDictionaryEncodedChunks() throws Exception {
        try (RootAllocator allocator = new RootAllocator();
                ParquetReader reader = ParquetReader.open(data.resolve("fallback/a.parquet"))) {
            List<Boolean> encoded = new ArrayList<>();
            for (int rowGroup = 0; rowGroup < reader.rowGroups().size(); rowGroup++) {
                EncodedBatch batch = reader.readRowGroup(rowGroup, List.of("category", "qty"), Set.of("category"),
                        allocator);
                try (Block block = new Block(batch.root(), batch.dictionaries(), "test")) {
                    encoded.add(block.isDictionaryEncoded());
                    if (block.isDictionaryEncoded()) {
                        FieldVector indices = block.encodedRoot().getVector("category");
                        Dictionary dictionary = block.dictionaries().get(indices.getField().getDictionary().getId());
                        try (VectorSchemaRoot plain = reader.readRowGroup(rowGroup, List.of("category"), allocator)) {
                            FieldVector strings = plain.getVector("category");
                            for (int row = 0; row < block.rows(); row++) {
                                Object expected = strings.getObject(row);
                                Object actual = indices.isNull(row) ? null
                                        : dictionary.getVector().getObject((Integer) indices.getObject(row));
                                assertThat(String.valueOf(actual)).isEqualTo(String.valueOf(expected));
                            }
                        }
                    }
                }
            }
            assertThat(encoded.getFirst()).isTrue();
            assertThat(encoded).contains(false);
        }
    }

    private static void checkAgainstPlainAndPyarrow(String directory, String context) throws Exception {
        long[] sourceBytes = new long[2];
        Map<String, String> optimized = groups(sourceBytes, 0, context + """
                pipeline:
                  - read_parquet: {paths: %s, columns: [category, value, qty, small, tiny, ratio, wide]}
                  - groupby:
                      key: category
                      aggregate: ["count() as count", "sum(value) as sum_value", "max(qty) as max_qty",
                                  "min(small) as min_small", "count(small) as count_small", "max(tiny) as max_tiny",
                                  "min(ratio) as min_ratio", "max(wide) as max_wide"]
                """.formatted(directory));
        Map<String, String> plain = groups(sourceBytes, 1, context + """
                pipeline:
                  - read_parquet: {paths: %s, columns: [category, value, qty, small, tiny, ratio, wide]}
                  - limit: {limit: 1000000000}
                  - groupby:
                      key: category
                      aggregate: ["count() as count", "sum(value) as sum_value", "max(qty) as max_qty",
                                  "min(small) as min_small", "count(small) as count_small", "max(tiny) as max_tiny",
                                  "min(ratio) as min_ratio", "max(wide) as max_wide"]
                """.formatted(directory));
        // Ids (4 bytes a row) instead of strings: the optimized read hands on fewer bytes.
        assertThat(sourceBytes[0]).isLessThan(sourceBytes[1]);
        Map<String, Long> counts = new TreeMap<>();
        Map<String, List<String>> others = new TreeMap<>();
        for (String line : pyarrowGroups) {
            String[] parts = line.split("\\|", -1);
            if (parts[0].equals(directory)) {
                counts.put(parts[1], Long.parseLong(parts[2]));
                others.put(parts[1], List.of(parts).subList(4, parts.length));
            }
        }
        assertThat(optimized.keySet()).isEqualTo(plain.keySet()).isEqualTo(counts.keySet());
        assertThat(optimized.keySet()).contains("None");
        for (Map.Entry<String, String> group : optimized.entrySet()) {
            String[] ours = group.getValue().split("\\|");
            String[] theirs = plain.get(group.getKey()).split("\\|");
            assertThat(ours[0]).isEqualTo(theirs[0]).isEqualTo(String.valueOf(counts.get(group.getKey())));
            assertThat(List.of(ours).subList(2, ours.length)).isEqualTo(List.of(theirs).subList(2, theirs.length))
                    .isEqualTo(others.get(group.getKey()));
            assertThat(Double.parseDouble(ours[1])).isCloseTo(Double.parseDouble(theirs[1]),
                    org.assertj.core.data.Offset.offset(1e-9 * Math.abs(Double.parseDouble(theirs[1])) + 1e-12));
        }
    }

    /**
     * Runs a pipeline and returns its groups as key (or "None") → "count|sum|the other aggregations", storing the
     * bytes its source handed on at {@code sourceBytes[index]}.
     */
    private static Map<String, String> groups(long[] sourceBytes, int index, String yaml) throws Exception {
        Map<String, String> groups = new TreeMap<>();
        try (RunResult result = EngineFixture.run(yaml, data)) {
            sourceBytes[index] = result.execution().operators().getFirst().bytesOut();
            for (Block block : result.execution().results()) {
                VectorSchemaRoot root = block.root();
                for (int row = 0; row < block.rows(); row++) {
                    Object key = root.getVector("category").getObject(row);
                    StringBuilder values = new StringBuilder();
                    for (String column : List.of("count", "sum_value", "max_qty", "min_small", "count_small",
                            "max_tiny", "min_ratio", "max_wide")) {
                        values.append(values.isEmpty() ? "" : "|").append(root.getVector(column).getObject(row));
                    }
                    String previous = groups.put(key == null ? "None" : key.toString(), values.toString());
                    assertThat(previous).isNull();
                }
            }
        }
        assertThat(groups).hasSizeGreaterThan(1);
        return groups;
    }
}
