package dev.pipetune.profiler.sampling;

import static java.util.Objects.requireNonNull;

import dev.pipetune.profiler.gpu.GpuMetricsSource;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;

/** The samplers a profiled run uses, in the order their metrics are listed. */
public final class StandardSamplers {

    private StandardSamplers() {
    }

    /**
     * The machine, process, JVM and GPU samplers, without Arrow.
     *
     * @param gpus the GPU metrics, e.g. {@link GpuMetricsSource#open()}; the caller closes it after the scheduler
     * @return system, disk, network, process, JVM and GPU samplers
     */
    public static List<Sampler> create(GpuMetricsSource gpus) {
        requireNonNull(gpus, "gpus");
        List<Sampler> samplers = new ArrayList<>();
        samplers.add(new SystemSampler());
        samplers.add(TransferSampler.disks());
        samplers.add(TransferSampler.network());
        samplers.add(new ProcessSampler());
        samplers.add(new JvmSampler());
        samplers.add(new GpuSampler(gpus));
        return List.copyOf(samplers);
    }

    /**
     * Every sampler, Arrow's included.
     *
     * @param gpus                the GPU metrics; the caller closes it after the scheduler
     * @param arrowAllocatedBytes the bytes the engine's Arrow allocator holds now, e.g.
     *                            {@code rootAllocator::getAllocatedMemory}; must be thread-safe
     * @return system, disk, network, process, JVM, Arrow and GPU samplers
     */
    public static List<Sampler> create(GpuMetricsSource gpus, LongSupplier arrowAllocatedBytes) {
        requireNonNull(arrowAllocatedBytes, "arrowAllocatedBytes");
        List<Sampler> samplers = new ArrayList<>(create(gpus));
        samplers.add(samplers.size() - 1, new ArrowSampler(arrowAllocatedBytes));
        return List.copyOf(samplers);
    }
}
