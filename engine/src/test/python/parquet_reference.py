#!/usr/bin/env python3
"""Writes the pyarrow reference for pipetune's Parquet conformance test.

Usage: parquet_reference.py SHARED_PARQUET_TESTING_DIR OUTPUT_JSON

For every file expected.json says pyarrow reads, records the row count, the column names, and per column the
SHA-256 of its canonical values (see canonical_values.py) and the first few canonical values. Run it with the
pyarrow version expected.json was made with (25) whenever the test files change.
"""
import json
import os
import sys

import pyarrow.parquet as pq

from canonical_values import digest, render

SAMPLES = 3
SAMPLE_CHARS = 160


def main():
    root, output = sys.argv[1], sys.argv[2]
    with open(os.path.join(root, "expected.json")) as f:
        expected = json.load(f)
    reference = {}
    for name, entry in sorted(expected.items()):
        if not entry.get("readable_by_pyarrow"):
            continue
        table = pq.read_table(os.path.join(root, name))
        columns = []
        for column_name, column in zip(table.column_names, table.columns):
            values = render(column)
            columns.append({
                "name": column_name,
                "type": str(column.type),
                "digest": digest(values),
                "samples": [v[:SAMPLE_CHARS] for v in values[:SAMPLES]],
            })
        reference[name] = {"rows": table.num_rows, "columns": columns}
    with open(output, "w") as f:
        json.dump(reference, f, indent=1, sort_keys=True)
        f.write("\n")


if __name__ == "__main__":
    main()
