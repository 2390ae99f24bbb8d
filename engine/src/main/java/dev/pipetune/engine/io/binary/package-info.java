/** Whole files as binary values: {@link dev.pipetune.engine.io.binary.BinaryFilesReader}, one row per file. */
package dev.pipetune.engine.io.binary;
