package dev.pipetune.profiler.gpu;

import static java.lang.foreign.MemoryLayout.PathElement.groupElement;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.MemoryLayout;
import java.lang.foreign.StructLayout;

/**
 * The C structs of {@code nvml.h} that the binding reads, laid out as the x86-64 and AArch64 C ABIs (Linux and
 * Windows alike) lay them out: {@code unsigned int} is 4 bytes, {@code unsigned long long} 8 bytes aligned to 8, with
 * the padding written out. Field names are the header's.
 */
final class NvmlLayouts {

    /** {@code nvmlUtilization_t}: {@code unsigned int gpu; unsigned int memory;} (percent). */
    static final StructLayout UTILIZATION = MemoryLayout.structLayout(
            JAVA_INT.withName("gpu"),
            JAVA_INT.withName("memory"))
            .withName("nvmlUtilization_t");

    /** {@code nvmlMemory_t} (v1): {@code unsigned long long total, free, used;} (bytes). */
    static final StructLayout MEMORY = MemoryLayout.structLayout(
            JAVA_LONG.withName("total"),
            JAVA_LONG.withName("free"),
            JAVA_LONG.withName("used"))
            .withName("nvmlMemory_t");

    /**
     * {@code nvmlProcessInfo_t} as the v2 and v3 process queries fill it: {@code unsigned int pid;} then four bytes of
     * padding so that {@code unsigned long long usedGpuMemory;} sits at offset 8, then {@code unsigned int
     * gpuInstanceId; unsigned int computeInstanceId;}: 24 bytes in all.
     */
    static final StructLayout PROCESS_INFO = MemoryLayout.structLayout(
            JAVA_INT.withName("pid"),
            MemoryLayout.paddingLayout(4),
            JAVA_LONG.withName("usedGpuMemory"),
            JAVA_INT.withName("gpuInstanceId"),
            JAVA_INT.withName("computeInstanceId"))
            .withName("nvmlProcessInfo_t");

    /** Byte offset of {@code nvmlUtilization_t.gpu}. */
    static final long UTILIZATION_GPU = offset(UTILIZATION, "gpu");
    /** Byte offset of {@code nvmlUtilization_t.memory}. */
    static final long UTILIZATION_MEMORY = offset(UTILIZATION, "memory");
    /** Byte offset of {@code nvmlMemory_t.total}. */
    static final long MEMORY_TOTAL = offset(MEMORY, "total");
    /** Byte offset of {@code nvmlMemory_t.used}. */
    static final long MEMORY_USED = offset(MEMORY, "used");
    /** Byte offset of {@code nvmlProcessInfo_t.pid}. */
    static final long PROCESS_INFO_PID = offset(PROCESS_INFO, "pid");
    /** Byte offset of {@code nvmlProcessInfo_t.usedGpuMemory}. */
    static final long PROCESS_INFO_USED_GPU_MEMORY = offset(PROCESS_INFO, "usedGpuMemory");

    private NvmlLayouts() {
    }

    /**
     * The byte offset of a named field.
     *
     * @param layout a struct layout of this class
     * @param field  the field's name in {@code nvml.h}
     * @return its offset from the start of the struct
     */
    static long offset(StructLayout layout, String field) {
        return layout.byteOffset(groupElement(field));
    }
}
