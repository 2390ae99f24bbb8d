package dev.pipetune.app.gui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pipetune.engine.sample.SampleDataOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StartViewModelTest {

    private static final SampleDataOptions SMALL = SampleDataOptions.defaults().withRows(2_000).withDocs(3);

    @TempDir
    private Path project;

    private void projectFiles() throws IOException {
        Files.writeString(project.resolve("etl.yaml"), "pipeline: []\n");
        Files.writeString(project.resolve("aggregate.yml"), "pipeline: []\n");
        Files.writeString(project.resolve("etl.json"), "{}\n");
        Files.writeString(project.resolve("notes.txt"), "not a pipeline\n");
        Files.writeString(project.resolve("old.ptrec"), "");
        Files.createDirectories(project.resolve("recordings"));
        Files.writeString(project.resolve("recordings").resolve("etl-20261126-070000.ptrec"), "");
    }

    @Test
    void listsPipelinesAndRecordingsAndGeneratesTheMissingSampleDataWithProgress() throws IOException {
        projectFiles();
        StartViewModel viewModel = new StartViewModel(new SynchronousTaskExecutor(), project, SMALL);
        List<Double> progress = new ArrayList<>();
        List<Boolean> generating = new ArrayList<>();
        viewModel.sampleDataProgressProperty().addListener((property, before, after) -> progress.add(
                after.doubleValue()));
        viewModel.generatingProperty().addListener((property, before, after) -> generating.add(after));

        viewModel.open();

        assertThat(viewModel.pipelines()).extracting(path -> path.getFileName().toString())
                .containsExactly("aggregate.yml", "etl.json", "etl.yaml");
        assertThat(viewModel.recordings()).extracting(path -> path.getFileName().toString())
                .containsExactly("old.ptrec", "etl-20261126-070000.ptrec");
        assertThat(viewModel.projectProperty().get().name()).isEqualTo(project.getFileName().toString());
        assertThat(project.resolve("data/events")).isDirectory();
        assertThat(project.resolve("data/docs")).isDirectory();
        assertThat(generating).containsExactly(true, false);
        assertThat(progress).isNotEmpty().isSorted().last().isEqualTo(1.0);
        assertThat(viewModel.messageProperty().get()).startsWith("Generated the sample data (2,000 events, 3 "
                + "documents)");
    }

    @Test
    void leavesExistingSampleDataAlone() throws IOException {
        projectFiles();
        Files.createDirectories(project.resolve("data"));
        StartViewModel viewModel = new StartViewModel(new SynchronousTaskExecutor(), project, SMALL);

        viewModel.open();

        assertThat(viewModel.generatingProperty().get()).isFalse();
        assertThat(viewModel.messageProperty().get()).isEmpty();
        try (var files = Files.list(project.resolve("data"))) {
            assertThat(files).isEmpty();
        }
    }

    @Test
    void saysWhenTheProjectFolderIsMissing() {
        StartViewModel viewModel = new StartViewModel(new SynchronousTaskExecutor(), project.resolve("missing"),
                SMALL);

        viewModel.open();

        assertThat(viewModel.messageProperty().get()).startsWith("Cannot open the project: the project folder")
                .contains("missing");
        assertThat(viewModel.pipelines()).isEmpty();
    }

    @Test
    void refreshSeesNewRecordings() throws IOException {
        projectFiles();
        Files.createDirectories(project.resolve("data"));
        StartViewModel viewModel = new StartViewModel(new SynchronousTaskExecutor(), project, SMALL);
        viewModel.open();
        Files.writeString(project.resolve("recordings").resolve("etl-20261126-080000.ptrec"), "");

        viewModel.refresh();

        assertThat(viewModel.recordings()).hasSize(3);
    }
}
