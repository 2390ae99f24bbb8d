/**
 * JSON lines (one object per line): {@link dev.pipetune.engine.io.json.JsonLinesReader} reads files into Arrow
 * batches with inferred column types; {@link dev.pipetune.engine.io.json.JsonLinesWriter} writes batches.
 */
package dev.pipetune.engine.io.json;
