/** The pipeline model, planner, streaming executor, I/O, expressions and UDF SPI of pipetune. */
package dev.pipetune.engine;
