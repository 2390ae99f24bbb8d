package dev.pipetune.profiler.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

import dev.pipetune.engine.pipeline.PipelineOverride;
import dev.pipetune.profiler.recording.MetricKey;
import dev.pipetune.profiler.recording.Recording;
import dev.pipetune.profiler.recording.RunInfo;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class BuiltinRulesTest {

    private static final Rules RULES = Rules.load();

    private static RuleResult evaluate(String ruleId, Recording recording) {
        return evaluate(ruleId, recording, Optional.empty());
    }

    private static RuleResult evaluate(String ruleId, Recording recording, Optional<Baseline> baseline) {
        return RULES.find(ruleId).orElseThrow().evaluate(RuleContext.of(recording, baseline));
    }

    private static List<String> overrides(RuleResult result) {
        return result.fix().orElseThrow().overrides().stream().map(PipelineOverride::toString).toList();
    }

    @Test
    void serviceLoaderFindsEveryBuiltInRuleWithDistinctIds() {
        assertThat(RULES.all()).extracting(Rule::id).containsExactlyInAnyOrder("batch-size", "block-size",
                "concurrency", "cpu-utilization", "eager-free", "error-rate", "errored-blocks", "gpu-idle",
                "gpu-utilization", "latency-skew", "low-throughput", "memory-leak", "memory-usage",
                "monitoring-settings", "num-cpus", "num-gpus", "oom-risk", "performance-baseline", "retries",
                "throughput");
        assertThat(RULES.all()).allSatisfy(rule -> assertThat(rule.id()).matches("[a-z]+(-[a-z]+)*"));
    }

    @Test
    void aHealthyRunHasNoWarningAndNoInfo() {
        Recording recording = TestRecordings.healthy().build();
        List<RuleResult> results = RULES.evaluate(RuleContext.of(recording, Optional.empty()));
        Map<String, Severity> severities = results.stream()
                .collect(Collectors.toMap(RuleResult::ruleId, RuleResult::severity));
        assertThat(results).as(results.toString()).allSatisfy(result -> {
            assertThat(result.severity()).isIn(Severity.OK, Severity.NOT_APPLICABLE);
            assertThat(result.score()).isBetween(0, 24);
        });
        assertThat(severities).containsEntry("cpu-utilization", Severity.OK).containsEntry("memory-usage", Severity.OK)
                .containsEntry("memory-leak", Severity.OK).containsEntry("error-rate", Severity.OK)
                .containsEntry("latency-skew", Severity.OK).containsEntry("num-cpus", Severity.OK)
                .containsEntry("gpu-utilization", Severity.NOT_APPLICABLE)
                .containsEntry("throughput", Severity.NOT_APPLICABLE);
    }

    @Test
    void throughputIsJudgedAgainstThePinnedBaseline() {
        Recording recording = TestRecordings.healthy().build();
        double rowsPerSecond = 1_000_000 / 60.0;

        RuleResult none = evaluate("throughput", recording);
        assertThat(none.severity()).isEqualTo(Severity.NOT_APPLICABLE);
        assertThat(none.summary()).contains("no baseline");

        RuleResult met = evaluate("throughput", recording, Optional.of(new Baseline(rowsPerSecond * 0.95, "v1")));
        assertThat(met.severity()).isEqualTo(Severity.OK);

        RuleResult missed = evaluate("throughput", recording, Optional.of(new Baseline(rowsPerSecond * 2, "v1")));
        assertThat(missed.severity()).isEqualTo(Severity.WARNING);
        assertThat(missed.score()).isBetween(75, 100);
        assertThat(missed.summary()).contains("50% of the baseline");
        assertThat(missed.evidence().getFirst().value()).isCloseTo(rowsPerSecond, offset(0.01));
    }

    @Test
    void aBaselineRecordingGivesItsThroughput() {
        Baseline baseline = RunMeasures.baselineOf(TestRecordings.healthy().build(), "before.ptrec").orElseThrow();
        assertThat(baseline.rowsPerSecond()).isCloseTo(1_000_000 / 60.0, offset(0.01));
        assertThat(baseline.source()).isEqualTo("before.ptrec");
    }

    @Test
    void gpuIdleRunIsDiagnosedAsStarvedByUpstreamParallelism() {
        Recording recording = TestRecordings.gpuIdle().build();

        RuleResult idle = evaluate("gpu-idle", recording);
        assertThat(idle.severity()).isEqualTo(Severity.WARNING);
        assertThat(idle.score()).isBetween(75, 100);
        assertThat(idle.summary()).contains("embed", "starved by upstream parallelism");
        assertThat(idle.evidence()).anySatisfy(fact -> {
            assertThat(fact.subject()).isEqualTo(TestRecordings.EMBED);
            assertThat(fact.label()).contains("empty input queue");
            assertThat(fact.value()).isEqualTo(1.0);
        });
        assertThat(idle.evidence()).anySatisfy(fact -> {
            assertThat(fact.subject()).isEqualTo(TestRecordings.PREPROCESS);
            assertThat(fact.label()).contains("concurrency cap");
        });
        assertThat(overrides(idle)).containsExactly("preprocess.num_cpus=1", "preprocess.concurrency=4");

        RuleResult utilization = evaluate("gpu-utilization", recording);
        assertThat(utilization.severity()).isEqualTo(Severity.WARNING);
        assertThat(utilization.summary()).contains("12%");
        assertThat(utilization.evidence().getFirst().subject()).isEqualTo("gpu.0");
        assertThat(utilization.evidence().getFirst().during()).isPresent();
        assertThat(overrides(utilization)).containsExactly("embed.batch_size=64");
    }

    @Test
    void aGpuStepThatSpendsMostOfItsTimePreparingBatchesGetsTwoActorsPerGpu() {
        Recording recording = TestRecordings.gpuIdle().operators(time -> List.of(
                new TestRecordings.Op(TestRecordings.READ).progress(time).cpuSeconds(5).build(),
                new TestRecordings.Op(TestRecordings.PREPROCESS).progress(time).cpuSeconds(20).running(1).build(),
                new TestRecordings.Op(TestRecordings.EMBED).progress(time).cpuSeconds(50).running(1).queued(6)
                        .modelShare(0.25).build(),
                new TestRecordings.Op(TestRecordings.WRITE).progress(time).cpuSeconds(2).build())).build();

        RuleResult idle = evaluate("gpu-idle", recording);
        assertThat(idle.severity()).isEqualTo(Severity.WARNING);
        assertThat(idle.summary()).isEqualTo("GPU step embed spends 75% of its time preparing batches, GPUs 12% busy");
        assertThat(idle.evidence()).anySatisfy(fact -> {
            assertThat(fact.subject()).isEqualTo(TestRecordings.EMBED);
            assertThat(fact.label()).isEqualTo("share of the step's function time in the model");
            assertThat(fact.value()).isCloseTo(0.25, offset(0.001));
        });
        assertThat(overrides(idle)).containsExactly("embed.num_gpus=0.5", "embed.concurrency=2");
    }

    @Test
    void gpuStepsWithoutAnyGpuAreAWarning() {
        Recording recording = TestRecordings.gpuIdle().gpus(0).build();
        RuleResult idle = evaluate("gpu-idle", recording);
        assertThat(idle.severity()).isEqualTo(Severity.WARNING);
        assertThat(idle.summary()).contains("no GPU");
        assertThat(evaluate("num-gpus", recording).severity()).isEqualTo(Severity.WARNING);
    }

    @Test
    void gpuRulesDoNotApplyToACpuPipeline() {
        Recording recording = TestRecordings.healthy().build();
        assertThat(evaluate("gpu-idle", recording).summary()).isEqualTo("the pipeline has no GPU steps");
        assertThat(evaluate("gpu-utilization", recording).severity()).isEqualTo(Severity.NOT_APPLICABLE);
    }

    @Test
    void risingMemoryInTheSecondHalfIsALeak() {
        RuleResult leak = evaluate("memory-leak", TestRecordings.leaking().build());
        assertThat(leak.severity()).isEqualTo(Severity.WARNING);
        assertThat(leak.summary()).contains("process.rss");
        Evidence trend = leak.evidence().stream().filter(fact -> fact.label().equals("trend")
                && fact.subject().equals("process.rss")).findFirst().orElseThrow();
        assertThat(trend.value()).isCloseTo(4.0 * (1L << 30) / 60, offset(1e3));
        assertThat(trend.during()).contains(new TimeRange(30_000, 60_000));
        assertThat(leak.fix()).isPresent();
    }

    @Test
    void aLeakInArrowMemoryIsReportedFirstThoughProcessMemoryIsFlat() {
        RuleResult leak = evaluate("memory-leak", TestRecordings.healthy()
                .sample("arrow.allocated", MetricKey.UNIT_BYTES, time -> 256.0 * (1 << 20) * (1 + time / 20_000.0))
                .build());
        assertThat(leak.severity()).isEqualTo(Severity.WARNING);
        assertThat(leak.evidence().getFirst().subject()).isEqualTo("arrow.allocated");
        assertThat(leak.summary()).contains("arrow.allocated");
    }

    @Test
    void tooFewSamplesMakeTheLeakRuleNotApplicable() {
        Recording recording = TestRecordings.healthy().build();
        Recording empty = new Recording(recording.formatVersion(), true, recording.pipeline(),
                recording.environment(), recording.run(), dev.pipetune.profiler.recording.SampleTable.empty(),
                recording.progress(), recording.events(), recording.finalOperators());
        assertThat(evaluate("memory-leak", empty).severity()).isEqualTo(Severity.NOT_APPLICABLE);
        assertThat(evaluate("cpu-utilization", empty).severity()).isEqualTo(Severity.NOT_APPLICABLE);
    }

    @Test
    void errorsAboveOnePerThousandAreAWarningWithRetriesAsTheFix() {
        RuleResult errors = evaluate("error-rate", TestRecordings.withErrors().build());
        assertThat(errors.severity()).isEqualTo(Severity.WARNING);
        assertThat(errors.summary()).contains("0.166%", "5 of 3005");
        assertThat(errors.evidence()).anySatisfy(fact -> {
            assertThat(fact.label()).isEqualTo("dropped blocks");
            assertThat(fact.value()).isEqualTo(2);
            assertThat(fact.during()).contains(new TimeRange(12_000, 48_000));
        });
        assertThat(errors.evidence())
                .anySatisfy(fact -> assertThat(fact.subject()).isEqualTo(TestRecordings.TRANSFORM));
        assertThat(overrides(errors)).containsExactly("transform.max_retries=3", "transform.retry_exceptions=true");

        RuleResult retries = evaluate("retries", TestRecordings.withErrors().build());
        assertThat(retries.severity()).isEqualTo(Severity.WARNING);
        assertThat(overrides(retries)).containsExactly("transform.retry_exceptions=true");
    }

    @Test
    void rowsLeftOutAreNotRetriedButNamedAsInputsToFix() {
        RuleResult errors = evaluate("error-rate", TestRecordings.withRowErrors().build());
        assertThat(errors.severity()).isEqualTo(Severity.WARNING);
        assertThat(overrides(errors)).isEmpty();
        assertThat(errors.fix().orElseThrow().description()).contains(TestRecordings.TRANSFORM,
                "left out single rows", "retrying them fails the same way");
    }

    @Test
    void aFailedRunIsAnErrorRateWarning() {
        RuleResult failed = evaluate("error-rate", TestRecordings.healthy()
                .outcome(RunInfo.RunOutcome.FAILED, "task failed: boom").build());
        assertThat(failed.severity()).isEqualTo(Severity.WARNING);
        assertThat(failed.score()).isEqualTo(100);
        assertThat(failed.summary()).contains("boom");
    }

    @Test
    void aLongLatencyTailIsAWarningNamingTheOperator() {
        RuleResult skew = evaluate("latency-skew", TestRecordings.skewedLatency().build());
        assertThat(skew.severity()).isEqualTo(Severity.WARNING);
        assertThat(skew.summary()).startsWith(TestRecordings.TRANSFORM).contains("4.5x");
        assertThat(skew.evidence().getFirst().subject()).isEqualTo(TestRecordings.TRANSFORM);
        assertThat(skew.evidence().getFirst().value()).isEqualTo(4.5);
        assertThat(skew.fix().orElseThrow().description()).contains("outliers");
    }

    @Test
    void cpuBelowTargetIsInfoAndIdleCpusAWarning() {
        RuleResult low = evaluate("cpu-utilization", TestRecordings.healthy()
                .sample("cpu.total", MetricKey.UNIT_PERCENT, time -> 50).build());
        assertThat(low.severity()).isEqualTo(Severity.INFO);
        RuleResult idle = evaluate("cpu-utilization", TestRecordings.healthy()
                .sample("cpu.total", MetricKey.UNIT_PERCENT, time -> 20).build());
        assertThat(idle.severity()).isEqualTo(Severity.WARNING);
        assertThat(overrides(idle)).containsExactly("transform.num_cpus=0.25");
        RuleResult unbalanced = evaluate("cpu-utilization", TestRecordings.healthy()
                .sample("cpu.core.0", MetricKey.UNIT_PERCENT, time -> 100)
                .sample("cpu.core.1", MetricKey.UNIT_PERCENT, time -> 5).build());
        assertThat(unbalanced.severity()).isEqualTo(Severity.WARNING);
        assertThat(unbalanced.evidence())
                .anySatisfy(fact -> assertThat(fact.label()).isEqualTo("spread between cores"));
    }

    @Test
    void memoryNearCapacityIsAWarningAndAnOomRisk() {
        Recording recording = TestRecordings.healthy()
                .sample("process.rss", MetricKey.UNIT_BYTES, time -> 14.0 * (1L << 30)).build();
        RuleResult usage = evaluate("memory-usage", recording);
        assertThat(usage.severity()).isEqualTo(Severity.WARNING);
        assertThat(usage.evidence().getFirst().subject()).isEqualTo("process.rss");
        assertThat(usage.evidence().getFirst().value()).isEqualTo(14.0 / 16);
        assertThat(overrides(usage)).containsExactly("transform.batch_size=500");
        RuleResult oom = evaluate("oom-risk", recording);
        assertThat(oom.severity()).isIn(Severity.INFO, Severity.WARNING);
        assertThat(oom.fix().orElseThrow().description()).contains("eager_free", "batch_size", "concurrency");
    }

    @Test
    void aRunThatFailedForLackOfMemoryIsAnOomWarning() {
        RuleResult oom = evaluate("oom-risk", TestRecordings.healthy()
                .outcome(RunInfo.RunOutcome.FAILED, "java.lang.OutOfMemoryError: Java heap space").build());
        assertThat(oom.severity()).isEqualTo(Severity.WARNING);
        assertThat(oom.score()).isEqualTo(100);
        assertThat(oom.summary()).contains("lack of memory");
        assertThat(evaluate("oom-risk", TestRecordings.healthy().build()).severity()).isEqualTo(Severity.OK);
    }

    @Test
    void aSlowerRunThanTheBaselineIsALowThroughputWarning() {
        RuleResult low = evaluate("low-throughput", TestRecordings.healthy().build(),
                Optional.of(new Baseline(40_000, "v1")));
        assertThat(low.severity()).isEqualTo(Severity.WARNING);
        assertThat(low.evidence()).anySatisfy(fact -> assertThat(fact.label()).isEqualTo("ratio to baseline"));
        assertThat(overrides(low)).isEmpty();
        assertThat(low.fix().orElseThrow().description()).contains("read step");
    }

    @Test
    void aQueueBuildingUpBeforeAnOperatorNamesItTheBottleneck() {
        Recording recording = TestRecordings.healthy()
                .sample("cpu.total", MetricKey.UNIT_PERCENT, time -> 40)
                .operators(time -> List.of(
                        new TestRecordings.Op(TestRecordings.READ).progress(time).cpuSeconds(10).build(),
                        new TestRecordings.Op(TestRecordings.TRANSFORM).progress(time).cpuSeconds(40).queued(8)
                                .running(3).build(),
                        new TestRecordings.Op(TestRecordings.WRITE).progress(time).cpuSeconds(5).build()))
                .build();
        RuleResult low = evaluate("low-throughput", recording);
        assertThat(low.severity()).isEqualTo(Severity.INFO);
        assertThat(low.summary()).contains("bottleneck " + TestRecordings.TRANSFORM);
        assertThat(low.evidence().getFirst().value()).isEqualTo(8);
        assertThat(overrides(low)).containsExactly("transform.num_cpus=0.25");
    }

    @Test
    void configurationChecksFollowTheSeedsResourceTable() {
        String pipeline = TestRecordings.CPU_PIPELINE.replace("num_cpus: 0.025", "num_cpus: 1")
                .replace("eager_free: true", "eager_free: false")
                .replace("enable_auto_log_stats: true", "enable_auto_log_stats: false")
                .replace("batch_size: 1000", "batch_size: 50");
        Recording recording = new TestRecordings.Builder(pipeline, "etl.yaml").samplesOf(TestRecordings.healthy())
                .operators(time -> List.of(
                        new TestRecordings.Op(TestRecordings.READ).progress(time).cpuSeconds(30).build(),
                        new TestRecordings.Op(TestRecordings.TRANSFORM).progress(time).cpuSeconds(25).build(),
                        new TestRecordings.Op(TestRecordings.WRITE).progress(time).cpuSeconds(10).build()))
                .build();
        RuleResult cpus = evaluate("num-cpus", recording);
        assertThat(cpus.severity()).isEqualTo(Severity.INFO);
        assertThat(cpus.summary()).contains("read (I/O heavy) asks for num_cpus 1, recommended 0.025-0.05");
        assertThat(overrides(cpus)).containsExactly("read.num_cpus=0.05");
        assertThat(overrides(evaluate("batch-size", recording))).containsExactly("transform.batch_size=500");
        assertThat(overrides(evaluate("eager-free", recording))).containsExactly("context.eager_free=true");
        assertThat(overrides(evaluate("monitoring-settings", recording)))
                .containsExactly("context.enable_auto_log_stats=true");
        assertThat(evaluate("block-size", recording).severity()).isEqualTo(Severity.OK);
        assertThat(evaluate("errored-blocks", recording).severity()).isEqualTo(Severity.OK);
    }

    @Test
    void gpuConcurrencyShouldEqualTheGpus() {
        RuleResult concurrency = evaluate("concurrency", TestRecordings.gpuIdle().gpus(4).build());
        assertThat(concurrency.severity()).isEqualTo(Severity.INFO);
        assertThat(overrides(concurrency)).containsExactly("embed.concurrency=4");
        assertThat(evaluate("concurrency", TestRecordings.gpuIdle().build()).severity()).isEqualTo(Severity.OK);
    }

    @Test
    void anUnreadablePipelineMakesPipelineRulesNotApplicableWithTheReason() {
        Recording recording = new TestRecordings.Builder("pipeline: [", "broken.yaml")
                .samplesOf(TestRecordings.healthy()).build();
        RuleContext context = RuleContext.of(recording, Optional.empty());
        assertThat(context.pipeline()).isEmpty();
        assertThat(context.pipelineProblem()).contains("broken.yaml");
        RuleResult cpus = RULES.find("num-cpus").orElseThrow().evaluate(context);
        assertThat(cpus.severity()).isEqualTo(Severity.NOT_APPLICABLE);
        assertThat(cpus.summary()).contains("broken.yaml");
        assertThat(RULES.evaluate(context)).hasSize(RULES.all().size());
    }

    @Test
    void aRuleThatThrowsBecomesNotApplicableInsteadOfHidingTheOthers() {
        Rule broken = new Rule() {
            @Override
            public String id() {
                return "broken";
            }

            @Override
            public String name() {
                return "Broken";
            }

            @Override
            public RuleResult evaluate(RuleContext context) {
                throw new IllegalStateException("boom");
            }
        };
        List<RuleResult> results = new Rules(List.of(broken)).evaluate(RuleContext.of(TestRecordings.healthy()
                .build(), Optional.empty()));
        assertThat(results).singleElement().satisfies(result -> {
            assertThat(result.severity()).isEqualTo(Severity.NOT_APPLICABLE);
            assertThat(result.summary()).contains("boom");
        });
    }
}
