package dev.pipetune.engine.plan;

import dev.pipetune.engine.block.Block;
import dev.pipetune.engine.execution.FileFormatWriter;
import dev.pipetune.engine.io.BatchWriter;
import dev.pipetune.engine.io.csv.CsvWriter;
import dev.pipetune.engine.io.json.JsonLinesWriter;
import dev.pipetune.engine.io.parquet.ParquetCompression;
import dev.pipetune.engine.io.parquet.ParquetWriter;
import dev.pipetune.engine.io.parquet.WriteOptions;
import dev.pipetune.engine.pipeline.Compression;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.apache.arrow.vector.types.pojo.Schema;

/** The file formats the write steps produce. */
final class FileFormats {

    private FileFormats() {
    }

    static FileFormatWriter parquet(Compression compression) {
        WriteOptions options = WriteOptions.defaults(switch (compression) {
            case SNAPPY -> ParquetCompression.SNAPPY;
            case GZIP -> ParquetCompression.GZIP;
            case ZSTD -> ParquetCompression.ZSTD;
            case NONE -> ParquetCompression.NONE;
        });
        return new FileFormatWriter() {
            @Override
            public String extension() {
                return "parquet";
            }

            @Override
            public void write(List<Block> blocks, Path file) throws IOException {
                ParquetWriter writer = ParquetWriter.create(file, blocks.getFirst().schema(), options);
                try {
                    for (Block block : blocks) {
                        writer.write(block.encodedRoot(), block.dictionaries());
                    }
                    writer.close();
                } catch (IOException | RuntimeException failure) {
                    writer.abort();
                    throw failure;
                }
            }
        };
    }

    static FileFormatWriter csv() {
        return text("csv", CsvWriter::create);
    }

    static FileFormatWriter json() {
        return text("json", JsonLinesWriter::create);
    }

    /** Creates a writer of one text file. */
    @FunctionalInterface
    private interface WriterFactory {
        BatchWriter create(Path target, Schema schema) throws IOException;
    }

    private static FileFormatWriter text(String extension, WriterFactory factory) {
        return new FileFormatWriter() {
            @Override
            public String extension() {
                return extension;
            }

            @Override
            public void write(List<Block> blocks, Path file) throws IOException {
                try (BatchWriter writer = factory.create(file, blocks.getFirst().schema())) {
                    for (Block block : blocks) {
                        writer.write(block.root());
                    }
                    writer.commit();
                }
            }
        };
    }
}
