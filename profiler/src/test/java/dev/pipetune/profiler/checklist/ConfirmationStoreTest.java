package dev.pipetune.profiler.checklist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfirmationStoreTest {

    @TempDir
    Path folder;

    @Test
    void confirmationsSurviveARoundTripSortedByItem() throws IOException {
        ConfirmationStore store = new ConfirmationStore();
        store.confirm(new Confirmation("monitoring.log-aggregation", "logs go to Loki", LocalDate.of(2026, 11, 2)));
        store.confirm(new Confirmation("data-quality.input-validation", "ids checked", LocalDate.of(2026, 11, 1)));
        Path file = folder.resolve("etl.checklist.json");
        store.write(file);

        ConfirmationStore read = ConfirmationStore.read(file);
        assertThat(read.all()).containsExactly(
                new Confirmation("data-quality.input-validation", "ids checked", LocalDate.of(2026, 11, 1)),
                new Confirmation("monitoring.log-aggregation", "logs go to Loki", LocalDate.of(2026, 11, 2)));
        assertThat(Files.readString(file)).contains("\"format\" : \"pipetune-checklist-confirmations\"",
                "\"date\" : \"2026-11-01\"");
        try (var files = Files.list(folder)) {
            assertThat(files).containsExactly(file);
        }
    }

    @Test
    void aLaterConfirmationReplacesAnEarlierOneAndRevokeRemovesIt() {
        ConfirmationStore store = new ConfirmationStore();
        store.confirm(new Confirmation("a.b", "first", LocalDate.of(2026, 1, 1)));
        store.confirm(new Confirmation("a.b", "second", LocalDate.of(2026, 1, 2)));
        assertThat(store.find("a.b").orElseThrow().note()).isEqualTo("second");
        assertThat(store.revoke("a.b")).isTrue();
        assertThat(store.find("a.b")).isEmpty();
    }

    @Test
    void aMissingFileIsAnEmptyStore() throws IOException {
        assertThat(ConfirmationStore.read(folder.resolve("absent.json")).all()).isEmpty();
    }

    @Test
    void aBadFileIsRejectedNamingTheFileAndField() throws IOException {
        Path file = folder.resolve("bad.json");
        Files.writeString(file, """
                {"format": "pipetune-checklist-confirmations", "version": 1,
                 "confirmations": [{"item": "a.b", "note": "ok", "date": "yesterday"}]}
                """);
        assertThatThrownBy(() -> ConfirmationStore.read(file)).isInstanceOf(IOException.class)
                .hasMessageContaining(file + ": confirmations[0].date").hasMessageContaining("yesterday");
        Files.writeString(file, "{\"format\": \"other\"}");
        assertThatThrownBy(() -> ConfirmationStore.read(file)).hasMessageContaining("format");
        Files.writeString(file, "{");
        assertThatThrownBy(() -> ConfirmationStore.read(file)).hasMessageContaining("not valid JSON");
    }

    @Test
    void theDefaultFileSitsNextToThePipeline() {
        assertThat(ConfirmationStore.defaultFileFor(Path.of("jobs", "etl.yaml")))
                .isEqualTo(Path.of("jobs", "etl.checklist.json"));
    }
}
