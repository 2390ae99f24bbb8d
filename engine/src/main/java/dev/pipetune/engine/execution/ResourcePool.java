package dev.pipetune.engine.execution;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Hands out logical CPU and GPU slots from a {@link ResourceBudget}. GPU grants name the device indices they use.
 * Used by the scheduler thread only.
 */
final class ResourcePool {

    private final ResourceBudget budget;
    private final long[] gpuMillisFree;
    private long cpuMillisFree;

    ResourcePool(ResourceBudget budget) {
        this.budget = requireNonNull(budget, "budget");
        this.cpuMillisFree = budget.cpuMillis();
        this.gpuMillisFree = new long[budget.gpuDevices()];
        Arrays.fill(gpuMillisFree, 1000);
    }

    /** What a task or actor holds: its resources and the GPU devices (with thousandths) it was given. */
    record Grant(TaskResources resources, List<Integer> gpuDevices) {
    }

    /** Returns whether the request could ever be granted on this budget. */
    boolean fitsBudget(TaskResources request) {
        return request.cpuMillis() <= budget.cpuMillis() && gpusNeeded(request) <= gpuMillisFree.length;
    }

    Optional<Grant> tryAcquire(TaskResources request) {
        if (request.cpuMillis() > cpuMillisFree) {
            return Optional.empty();
        }
        List<Integer> devices = new ArrayList<>();
        long gpu = request.gpuMillis();
        if (gpu > 0 && gpu <= 1000) {
            int best = -1;
            for (int device = 0; device < gpuMillisFree.length; device++) {
                if (gpuMillisFree[device] >= gpu && (best < 0 || gpuMillisFree[device] < gpuMillisFree[best])) {
                    best = device;
                }
            }
            if (best < 0) {
                return Optional.empty();
            }
            devices.add(best);
        } else if (gpu > 1000) {
            for (int device = 0; device < gpuMillisFree.length && devices.size() < gpu / 1000; device++) {
                if (gpuMillisFree[device] == 1000) {
                    devices.add(device);
                }
            }
            if (devices.size() < gpu / 1000) {
                return Optional.empty();
            }
        }
        return Optional.of(take(request, devices));
    }

    /**
     * Grants a request beyond what is free, for the one task the scheduler starts when nothing runs and idle actors
     * hold the slots it needs: the CPU slots and the least used GPU devices go below zero until it ends.
     *
     * @param request a request that {@link #fitsBudget fits the budget}
     * @return the grant, to be {@linkplain #release released} like any other
     */
    Grant acquireBeyondFree(TaskResources request) {
        long wanted = gpusNeeded(request);
        Integer[] byFreeShare = new Integer[gpuMillisFree.length];
        for (int device = 0; device < byFreeShare.length; device++) {
            byFreeShare[device] = device;
        }
        Arrays.sort(byFreeShare, (left, right) -> Long.compare(gpuMillisFree[right], gpuMillisFree[left]));
        List<Integer> devices = new ArrayList<>();
        for (int index = 0; index < Math.min(wanted, byFreeShare.length); index++) {
            devices.add(byFreeShare[index]);
        }
        return take(request, devices);
    }

    /** Takes the request's CPU slots and its share of each chosen device, which may go below zero. */
    private Grant take(TaskResources request, List<Integer> devices) {
        cpuMillisFree -= request.cpuMillis();
        long perDevice = Math.min(request.gpuMillis(), 1000);
        for (int device : devices) {
            gpuMillisFree[device] -= perDevice;
        }
        return new Grant(request, List.copyOf(devices));
    }

    void release(Grant grant) {
        cpuMillisFree += grant.resources().cpuMillis();
        long perDevice = Math.min(grant.resources().gpuMillis(), 1000);
        for (int device : grant.gpuDevices()) {
            gpuMillisFree[device] += perDevice;
        }
    }

    ResourceBudget budget() {
        return budget;
    }

    long cpuMillisFree() {
        return cpuMillisFree;
    }

    long cpuMillisInUse() {
        return budget.cpuMillis() - cpuMillisFree;
    }

    private static long gpusNeeded(TaskResources request) {
        return request.gpuMillis() == 0 ? 0 : Math.max(1, request.gpuMillis() / 1000);
    }
}
