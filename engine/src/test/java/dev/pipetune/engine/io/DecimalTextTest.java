package dev.pipetune.engine.io;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pipetune.engine.io.csv.CsvWriter;
import dev.pipetune.engine.io.json.JsonLinesWriter;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.Decimal256Vector;
import org.apache.arrow.vector.DecimalVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DecimalTextTest {

    private final RootAllocator allocator = new RootAllocator();

    @TempDir
    Path folder;

    @AfterEach
    void closeAllocator() {
        allocator.close();
    }

    @Test
    void unscaledLongsFormatAsBigDecimalsPlainText() {
        Random random = new Random(11);
        long[] edges = {0, 1, -1, 5, -5, 99, -100, Long.MAX_VALUE, Long.MIN_VALUE, 999_999_999_999_999_999L};
        for (int scale = 0; scale <= 20; scale++) {
            for (long unscaled : edges) {
                assertThat(DecimalText.format(unscaled, scale)).isEqualTo(BigDecimal.valueOf(unscaled, scale)
                        .toPlainString());
            }
            for (int sample = 0; sample < 200; sample++) {
                long unscaled = random.nextLong() >> random.nextInt(64);
                assertThat(DecimalText.format(unscaled, scale)).isEqualTo(BigDecimal.valueOf(unscaled, scale)
                        .toPlainString());
            }
        }
    }

    @Test
    void csvAndJsonLinesWriteDecimalsWithEveryDigitOfTheScaleAsPyarrowDoes() throws IOException {
        Schema schema = new Schema(List.of(Field.nullable("price", new ArrowType.Decimal(10, 2, 128)),
                Field.nullable("wide", new ArrowType.Decimal(30, 4, 128)),
                Field.nullable("huge", new ArrowType.Decimal(40, 10, 256))));
        try (VectorSchemaRoot batch = VectorSchemaRoot.create(schema, allocator)) {
            DecimalVector price = (DecimalVector) batch.getVector("price");
            DecimalVector wide = (DecimalVector) batch.getVector("wide");
            Decimal256Vector huge = (Decimal256Vector) batch.getVector("huge");
            price.setSafe(0, new BigDecimal("1.23"));
            price.setSafe(1, new BigDecimal("-0.05"));
            price.setNull(2);
            wide.setSafe(0, new BigDecimal("-12345678901234567890.1234"));
            wide.setSafe(1, new BigDecimal("0.0000"));
            wide.setSafe(2, new BigDecimal("7.5000"));
            huge.setSafe(0, new BigDecimal(new BigInteger("123456789012345678901234567890"), 10));
            huge.setNull(1);
            huge.setSafe(2, new BigDecimal("1.5000000000"));
            batch.setRowCount(3);
            Path csv = folder.resolve("d.csv");
            Path json = folder.resolve("d.jsonl");
            try (CsvWriter writer = CsvWriter.create(csv, schema)) {
                writer.write(batch);
                writer.commit();
            }
            try (JsonLinesWriter writer = JsonLinesWriter.create(json, schema)) {
                writer.write(batch);
                writer.commit();
            }
            assertThat(Files.readAllLines(csv)).containsExactly("\"price\",\"wide\",\"huge\"",
                    "1.23,-12345678901234567890.1234,12345678901234567890.1234567890", "-0.05,0.0000,",
                    ",7.5000,1.5000000000");
            assertThat(Files.readAllLines(json)).containsExactly(
                    "{\"price\":1.23,\"wide\":-12345678901234567890.1234,\"huge\":12345678901234567890.1234567890}",
                    "{\"price\":-0.05,\"wide\":0.0000,\"huge\":null}", "{\"price\":null,\"wide\":7.5000,"
                            + "\"huge\":1.5000000000}");
        }
    }
}
