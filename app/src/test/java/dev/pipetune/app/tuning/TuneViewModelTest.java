package dev.pipetune.app.tuning;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pipetune.app.editor.EditorTasks;
import dev.pipetune.app.editor.PipelineEditorViewModel;
import dev.pipetune.app.gui.SynchronousTaskExecutor;
import dev.pipetune.app.gui.UserFunctionJar;
import dev.pipetune.engine.pipeline.PipelineFormat;
import dev.pipetune.profiler.recording.PipelineSource;
import dev.pipetune.profiler.tuning.Constraints;
import dev.pipetune.profiler.tuning.Noise;
import dev.pipetune.profiler.tuning.Proposal;
import dev.pipetune.profiler.tuning.RunMeasurement;
import dev.pipetune.profiler.tuning.Strategy;
import dev.pipetune.profiler.tuning.Study;
import dev.pipetune.profiler.tuning.SweepAxis;
import dev.pipetune.profiler.tuning.Trial;
import dev.pipetune.profiler.tuning.TrialConfiguration;
import dev.pipetune.profiler.tuning.TuningOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The optimizer view's state, with a scripted study launcher and the synchronous executor. */
class TuneViewModelTest {

    private static final Path EXAMPLES = Path.of("..", "examples").toAbsolutePath().normalize();
    private static final SweepAxis BATCH = SweepAxis.parse("transform.batch_size=1000,4000");
    private static final SweepAxis CPUS = SweepAxis.parse("transform.num_cpus=0.5,1");

    @TempDir
    private Path temporary;

    private Path pipelineFile;
    private String etl;
    private PipelineEditorViewModel editor;
    private final List<TuneRequest> requests = new ArrayList<>();
    private final List<List<TrialRow>> rowsDuringStudy = new ArrayList<>();
    private TuneViewModel model;

    private static Trial trial(int number, Map<String, String> settings, double rowsPerSecond, long memory,
            boolean feasible) {
        RunMeasurement run = new RunMeasurement(1, 1000, 1000, rowsPerSecond, 1, memory, memory / 2, 4, 0,
                List.of());
        return new Trial(number, new TrialConfiguration(settings), 0, 0.25, feasible, feasible ? "" : "out of memory",
                List.of(run), Noise.of(rowsPerSecond), 1.5);
    }

    private static Map<String, String> settings(String batch, String cpus) {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("transform.batch_size", batch);
        settings.put("transform.num_cpus", cpus);
        return settings;
    }

    private Study study(List<Proposal> proposals) {
        TuningOptions options = new TuningOptions(Strategy.GRID, 0.25, 1, 1, TuningOptions.DEFAULT_ETA);
        List<Trial> trials = List.of(trial(1, settings("1000", "0.5"), 1000, 300L << 20, true),
                trial(2, settings("1000", "1"), 1500, 400L << 20, true),
                trial(3, settings("4000", "0.5"), 2500, 350L << 20, true),
                trial(4, settings("4000", "1"), 0, 0, false));
        return new Study(Study.FORMAT_VERSION, Instant.EPOCH, new PipelineSource("etl.yaml", etl, List.of()),
                List.of(BATCH, CPUS), options, Constraints.standard(8L << 30), List.of(0.25),
                trial(0, Map.of(), 1250, 300L << 20, true), trials, 3, 12, proposals);
    }

    @BeforeEach
    void setUp() throws IOException {
        etl = Files.readString(EXAMPLES.resolve("etl.yaml"));
        pipelineFile = Files.writeString(temporary.resolve("etl.yaml"), etl);
        editor = new PipelineEditorViewModel(EditorTasks.direct());
        editor.load(etl, PipelineFormat.YAML, pipelineFile);
        model = new TuneViewModel(new SynchronousTaskExecutor(), (request, listener) -> {
            requests.add(request);
            Study study = study(List.of());
            for (Trial trial : study.trials()) {
                listener.trialStarted(trial.number(), trial.configuration(), trial.rung(), trial.sampleFraction());
                listener.trialFinished(trial);
            }
            rowsDuringStudy.add(List.copyOf(modelTrials()));
            return study;
        }, editor);
        model.pipelineProperty().set(pipelineFile);
    }

    private List<TrialRow> modelTrials() {
        return model.trials();
    }

    @Test
    void aStudyRunsTheTypedSweepAndShowsTrialsAsTheyFinish() throws IOException {
        model.sweepsProperty().set("transform.batch_size=1000,4000\n\n transform.num_cpus=0.5,1 \n");
        model.strategyProperty().set(Strategy.HALVING);
        model.sampleFractionProperty().set(0.5);
        model.repeatsProperty().set(2);
        Path jar = UserFunctionJar.write(temporary);
        model.plugins().add(jar);

        model.start();

        assertThat(requests).singleElement().satisfies(request -> {
            assertThat(request.pipeline()).isEqualTo(pipelineFile);
            assertThat(request.axes()).containsExactly(BATCH, CPUS);
            assertThat(request.options().strategy()).isEqualTo(Strategy.HALVING);
            assertThat(request.options().sampleFraction()).isEqualTo(0.5);
            assertThat(request.options().repeats()).isEqualTo(2);
            assertThat(request.propose()).isFalse();
            assertThat(request.plugins()).containsExactly(jar);
        });
        assertThat(rowsDuringStudy.getFirst()).as("rows arrive while the study runs").hasSize(4)
                .extracting(TrialRow::state).containsExactly("feasible", "feasible", "feasible",
                        "infeasible: out of memory");
        assertThat(model.runningProperty().get()).isFalse();
        assertThat(model.statusProperty().get()).isEqualTo("Best: transform.batch_size=4000 transform.num_cpus=0.5 "
                + "at 2,500 rows/s, 2.00× the baseline (4 trials, 12 s).");
    }

    @Test
    void aMissingPluginJarIsReportedAndNoStudyStarts() {
        model.sweepsProperty().set("transform.batch_size=1000,4000");
        model.plugins().add(temporary.resolve("no-such.jar"));

        model.start();

        assertThat(requests).isEmpty();
        assertThat(model.runningProperty().get()).isFalse();
        assertThat(model.statusProperty().get()).isEqualTo("Cannot tune etl.yaml: plugin jar "
                + temporary.resolve("no-such.jar") + " does not exist.");
    }

    @Test
    void aMalformedAxisNamesItsLineAndStartsNothing() {
        model.sweepsProperty().set("transform.batch_size=1000,4000\ntransform.batch_size");

        model.start();

        assertThat(requests).isEmpty();
        assertThat(model.statusProperty().get()).startsWith("Cannot tune etl.yaml: sweep line 2: ");
    }

    @Test
    void theHeatMapHasTheBestThroughputOfEachPairAndNothingWhereNoTrialWasFeasible() {
        model.sweepsProperty().set("transform.batch_size=1000,4000\ntransform.num_cpus=0.5,1");
        model.start();

        assertThat(model.heatMap()).containsExactly(new TuneViewModel.HeatCell(0, 0, 1000),
                new TuneViewModel.HeatCell(0, 1, 1500), new TuneViewModel.HeatCell(1, 0, 2500),
                new TuneViewModel.HeatCell(1, 1, Double.NaN));
    }

    @Test
    void theParetoFrontHoldsTheTrialsNoOtherBeatsOnBothThroughputAndMemory() {
        model.sweepsProperty().set("transform.batch_size=1000,4000\ntransform.num_cpus=0.5,1");
        model.start();

        assertThat(model.paretoPoints()).extracting(TuneViewModel.ParetoPoint::number,
                TuneViewModel.ParetoPoint::onFront).containsExactly(
                        org.assertj.core.groups.Tuple.tuple(1, true), org.assertj.core.groups.Tuple.tuple(2, false),
                        org.assertj.core.groups.Tuple.tuple(3, true));
    }

    @Test
    void applyingTheBestEditsThePipelineInOneUndoStep() {
        model.sweepsProperty().set("transform.batch_size=1000,4000\ntransform.num_cpus=0.5,1");
        model.start();

        assertThat(model.applyBest()).isTrue();

        assertThat(editor.text()).contains("batch_size: 4000").contains("num_cpus: 0.5            # light CPU work");
        assertThat(editor.undoLabelProperty().get()).isEqualTo("Apply tuned settings");
        editor.undo();
        assertThat(editor.text()).isEqualTo(etl);
    }

    @Test
    void aStudySavedAndOpenedShowsTheSameTrials() {
        model.sweepsProperty().set("transform.batch_size=1000,4000\ntransform.num_cpus=0.5,1");
        model.start();
        Path file = temporary.resolve("etl.ptstudy");

        model.save(file);
        TuneViewModel reopened = new TuneViewModel(new SynchronousTaskExecutor(), (request, listener) -> {
            throw new AssertionError("opening runs nothing");
        }, editor);
        reopened.open(file);

        assertThat(reopened.trials()).isEqualTo(model.trials());
        assertThat(model.statusProperty().get()).isEqualTo("Saved the study to " + file + ".");
        assertThat(reopened.statusProperty().get()).startsWith("Best: transform.batch_size=4000 transform.num_cpus=0.5 "
                + "at 2,500 rows/s");
        assertThat(reopened.heatMap()).hasSize(4);
    }

    @Test
    void aProposalIsAppliedAsItsEditedTextAndSettings() {
        String pruned = etl.replace("columns: [id, user_id, category, value, qty]", "columns: [id, category, value, "
                + "qty]");
        Proposal proposal = new Proposal(4, "read only the 4 columns used downstream", "user_id is never used",
                List.of("pipeline[0].read_parquet.columns: [id, category, value, qty]"),
                new TrialConfiguration(Map.of("transform.batch_size", "8000")), pruned, "",
                trial(0, Map.of(), 1000, 300L << 20, true), trial(0, Map.of(), 1300, 280L << 20, true));

        assertThat(model.applyProposal(proposal)).isTrue();

        assertThat(editor.text()).contains("columns: [id, category, value, qty]").contains("batch_size: 8000");
        editor.undo();
        assertThat(editor.text()).as("one undo reverts the whole proposal").isEqualTo(etl);
    }

    @Test
    void nothingIsAppliedToAnotherPipelineInTheEditor() {
        model.sweepsProperty().set("transform.batch_size=1000,4000\ntransform.num_cpus=0.5,1");
        model.start();
        editor.load(etl, PipelineFormat.YAML, temporary.resolve("other.yaml"));

        assertThat(model.applyBest()).isFalse();

        assertThat(editor.text()).isEqualTo(etl);
        assertThat(model.statusProperty().get()).contains("Open the tuned pipeline in the editor");
    }
}
