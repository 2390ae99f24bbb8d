package dev.pipetune.profiler.tuning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pipetune.profiler.recording.PipelineSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A study written to a {@code .ptstudy} file reads back equal; other files are rejected with a clear message. */
class StudyFilesTest {

    @TempDir
    Path work;

    @Test
    void studyRoundTripsThroughItsFile() throws Exception {
        Study study = study();
        Path file = work.resolve("sub/etl" + StudyFiles.EXTENSION);

        StudyFiles.write(study, file);
        Study read = StudyFiles.read(file);

        assertThat(read).isEqualTo(study);
        assertThat(read.best()).map(Trial::number).hasValue(2);
        assertThat(read.trials().get(0).infeasibleReason()).isEqualTo("out of memory: no room");
        assertThat(read.speedup()).isEqualTo(study.speedup());
        assertThat(read.proposals()).singleElement().satisfies(proposal -> assertThat(proposal.speedup())
                .hasValueSatisfying(speedup -> assertThat(speedup).isEqualTo(2.0000005)));
        assertThat(Files.readString(file)).startsWith("{\n  \"format\" : \"pipetune-study\",\n  \"formatVersion\" : 1");
        try (var files = Files.list(file.getParent())) {
            assertThat(files).containsExactly(file);
        }
    }

    @Test
    void otherFilesAreRejectedNamingTheFile() throws Exception {
        Path notJson = Files.writeString(work.resolve("a.ptstudy"), "not json");
        Path recording = Files.writeString(work.resolve("b.ptstudy"), "{\"format\": \"pipetune-recording\"}");
        Path newer = Files.writeString(work.resolve("c.ptstudy"), "{\"format\": \"pipetune-study\", "
                + "\"formatVersion\": 99}");
        Path damaged = Files.writeString(work.resolve("d.ptstudy"), "{\"format\": \"pipetune-study\", "
                + "\"formatVersion\": 1, \"trials\": 3}");

        assertThatThrownBy(() -> StudyFiles.read(notJson)).isInstanceOf(StudyFormatException.class)
                .hasMessageContaining("a.ptstudy is not a pipetune study");
        assertThatThrownBy(() -> StudyFiles.read(recording)).hasMessageContaining("b.ptstudy is not a pipetune study");
        assertThatThrownBy(() -> StudyFiles.read(newer)).hasMessageContaining("version 99");
        assertThatThrownBy(() -> StudyFiles.read(damaged)).isInstanceOf(StudyFormatException.class)
                .hasMessageContaining("d.ptstudy is a damaged study");
    }

    static Study study() {
        SweepAxis axis = SweepAxis.parse("transform.concurrency=2,[1, 4]");
        TrialConfiguration first = new TrialConfiguration(Map.of("transform.concurrency", "2"));
        TrialConfiguration second = new TrialConfiguration(Map.of("transform.concurrency", "[1, 4]"));
        Trial failed = new Trial(1, first, 0, 0.25, false, "out of memory: no room", List.of(), Noise.NONE, 0.5);
        RunMeasurement run = TunerTest.measurement(2_000_000.5, 300L << 20, 0, 40);
        Trial good = new Trial(2, second, 0, 0.25, true, "", List.of(run, run), Noise.of(2_000_000.5, 2_000_000.5),
                1.25);
        Trial baseline = new Trial(0, TrialConfiguration.BASELINE, 0, 0.25, true, "", List.of(run),
                Noise.of(1_000_000), 0.75);
        return new Study(Study.FORMAT_VERSION, Instant.parse("2026-12-06T01:02:03.456Z"),
                new PipelineSource("etl.yaml", "name: etl\npipeline: []\n", List.of("context.eager_free=false")),
                List.of(axis), new TuningOptions(Strategy.GRID, 0.25, 2, 1, 3), Constraints.standard(8L << 30),
                List.of(0.25), baseline, List.of(failed, good), 2, 2.5, List.of(new Proposal(4,
                "column pruning: read 2 of 3", "x0 is not used",
                List.of("pipeline[0].read_parquet.columns: [id, value]"),
                TrialConfiguration.BASELINE, "name: etl\n", "", baseline, good)));
    }
}
