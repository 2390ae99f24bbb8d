package dev.pipetune.engine.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DataSizeTest {

    @ParameterizedTest
    @CsvSource({
        "128MiB, 134217728",
        "2GiB, 2147483648",
        "2 gib, 2147483648",
        "1.5KiB, 1536",
        "500MB, 500000000",
        "1kb, 1000",
        "4096, 4096",
        "10B, 10",
        "1TiB, 1099511627776"
    })
    void parsesBinaryAndDecimalUnits(String text, long bytes) {
        assertThat(DataSize.parse(text).bytes()).isEqualTo(bytes);
    }

    @ParameterizedTest
    @CsvSource({"134217728, 128MiB", "2147483648, 2GiB", "1000, 1000B", "1536, 1536B", "0, 0B"})
    void printsTheShortestExactBinaryForm(long bytes, String text) {
        assertThat(DataSize.ofBytes(bytes)).hasToString(text);
    }

    @Test
    void rejectsWhatIsNotASize() {
        assertThatIllegalArgumentException().isThrownBy(() -> DataSize.parse("lots"))
                .withMessageContaining("128MiB");
        assertThatIllegalArgumentException().isThrownBy(() -> DataSize.parse("-1MiB"));
        assertThatIllegalArgumentException().isThrownBy(() -> DataSize.parse("12 PiB"));
        assertThatIllegalArgumentException().isThrownBy(() -> DataSize.ofBytes(-1));
    }
}
