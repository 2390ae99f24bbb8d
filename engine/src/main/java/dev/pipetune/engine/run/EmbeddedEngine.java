package dev.pipetune.engine.run;

import dev.pipetune.engine.execution.ExecutionListener;
import dev.pipetune.engine.execution.ExecutionResult;
import dev.pipetune.engine.execution.PipelineRunException;
import dev.pipetune.engine.execution.StreamingExecutor;
import dev.pipetune.engine.pipeline.Pipeline;
import dev.pipetune.engine.plan.PhysicalPlan;
import dev.pipetune.engine.plan.PlanContext;
import dev.pipetune.engine.plan.PlanException;
import dev.pipetune.engine.plan.Planner;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;

/**
 * The default engine: plans the pipeline and runs it in this process with the {@link StreamingExecutor}, each run on
 * its own scheduler thread with its own Arrow allocator.
 */
public final class EmbeddedEngine implements Engine {

    private final Planner planner = new Planner();

    @Override
    public String name() {
        return "embedded";
    }

    @Override
    public RunningPipeline start(Pipeline pipeline, PlanContext context, ExecutionListener listener)
            throws PlanException {
        PhysicalPlan plan = planner.plan(pipeline, context);
        BufferAllocator allocator = new RootAllocator();
        StreamingExecutor executor = new StreamingExecutor(plan.operators(), plan.budget(), plan.maxErroredBlocks(),
                plan.targetMaxBlockBytes(), listener, allocator);
        CompletableFuture<ExecutionResult> completion = new CompletableFuture<>();
        Thread.ofPlatform().name("pipetune-executor").daemon(true).start(() -> {
            try {
                completion.complete(executor.execute());
            } catch (PipelineRunException | RuntimeException | Error failure) {
                completion.completeExceptionally(failure);
            }
        });
        return new RunningPipeline() {
            @Override
            public List<String> operators() {
                return plan.operatorNames();
            }

            @Override
            public long allocatedBytes() {
                return allocator.getAllocatedMemory();
            }

            @Override
            public void cancel() {
                executor.cancel();
            }

            @Override
            public RunResult await() throws PipelineRunException, InterruptedException {
                try {
                    return new RunResult(completion.get(), plan.showRows(), allocator);
                } catch (ExecutionException failed) {
                    allocator.close();
                    if (failed.getCause() instanceof PipelineRunException runFailure) {
                        throw runFailure;
                    }
                    throw new IllegalStateException("the executor failed unexpectedly", failed.getCause());
                }
            }
        };
    }
}
