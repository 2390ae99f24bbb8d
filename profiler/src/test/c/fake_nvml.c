/*
 * A fake NVIDIA Management Library (libnvidia-ml.so.1) for pipetune's tests.
 *
 * It exports the NVML functions that dev.pipetune.profiler.gpu binds, with the C types of nvml.h, checks its
 * arguments as the real library does (NULL pointers, unknown handles, calls before nvmlInit_v2, short buffers) and
 * answers with fixed values:
 *
 *   driver       "999.88.77"
 *   GPU 0        "Fake GPU 0", GPU-00000000-1111-2222-3333-444444444444, utilization 37 % / 12 %,
 *                memory 20 GiB used of 80 GiB, power 312.456 W of a 700 W limit, 61 C, SM clock 1980 MHz
 *                (graphics 1755, memory 2619, video 1620), 11 compute processes: pid 1000 + i holding (i + 1) * 256 MiB,
 *                more than pipetune's first buffer of 8 entries, so the list takes a second call
 *   GPU 1        "Fake GPU 1", GPU-11111111-2222-3333-4444-555555555555, utilization 5 % / 1 %,
 *                memory 1 GiB used of 80 GiB, power NOT SUPPORTED, limit 350 W, 45 C, SM clock 1410 MHz,
 *                one process, pid 4242, whose memory is NVML_VALUE_NOT_AVAILABLE
 *
 * Test controls (not part of NVML):
 *   void fakeNvmlReset(void)                              forget forced results and call counts
 *   void fakeNvmlFail(const char *key, int result)        make a function return `result`; the key is a function's
 *                                                         name, or "name:INDEX" to fail it for one device only
 *   int fakeNvmlInitCount(void)                           nvmlInit_v2 calls not yet matched by nvmlShutdown
 *   int fakeNvmlCalls(const char *function)               how often a function was called since the last reset
 *   unsigned long long fakeNvmlLayout(const char *member) sizeof("nvmlProcessInfo_t") or offsetof
 *                                                         ("nvmlProcessInfo_t.usedGpuMemory") as this compiler
 *                                                         lays the structs out; (unsigned long long) -1 if unknown
 * Environment: FAKE_NVML_INIT_RESULT=9 makes nvmlInit_v2 fail with that code, for running the probe by hand.
 *
 * Build: gcc -shared -fPIC -o target/fake-nvml/libnvidia-ml.so.1 src/test/c/fake_nvml.c
 * Not thread-safe by itself: pipetune serializes its calls, and the tests run one at a time.
 */
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define EXPORT __attribute__((visibility("default")))

/* ---- nvml.h's types, as the header declares them ---------------------------------------------------------------- */

typedef enum nvmlReturn_enum {
    NVML_SUCCESS = 0,
    NVML_ERROR_UNINITIALIZED = 1,
    NVML_ERROR_INVALID_ARGUMENT = 2,
    NVML_ERROR_NOT_SUPPORTED = 3,
    NVML_ERROR_NO_PERMISSION = 4,
    NVML_ERROR_ALREADY_INITIALIZED = 5,
    NVML_ERROR_NOT_FOUND = 6,
    NVML_ERROR_INSUFFICIENT_SIZE = 7,
    NVML_ERROR_INSUFFICIENT_POWER = 8,
    NVML_ERROR_DRIVER_NOT_LOADED = 9,
    NVML_ERROR_TIMEOUT = 10,
    NVML_ERROR_IRQ_ISSUE = 11,
    NVML_ERROR_LIBRARY_NOT_FOUND = 12,
    NVML_ERROR_FUNCTION_NOT_FOUND = 13,
    NVML_ERROR_CORRUPTED_INFOROM = 14,
    NVML_ERROR_GPU_IS_LOST = 15,
    NVML_ERROR_RESET_REQUIRED = 16,
    NVML_ERROR_OPERATING_SYSTEM = 17,
    NVML_ERROR_UNKNOWN = 999
} nvmlReturn_t;

typedef enum nvmlTemperatureSensors_enum {
    NVML_TEMPERATURE_GPU = 0,
    NVML_TEMPERATURE_COUNT
} nvmlTemperatureSensors_t;

typedef enum nvmlClockType_enum {
    NVML_CLOCK_GRAPHICS = 0,
    NVML_CLOCK_SM = 1,
    NVML_CLOCK_MEM = 2,
    NVML_CLOCK_VIDEO = 3,
    NVML_CLOCK_COUNT
} nvmlClockType_t;

typedef struct nvmlDevice_st *nvmlDevice_t;

typedef struct nvmlUtilization_st {
    unsigned int gpu;
    unsigned int memory;
} nvmlUtilization_t;

typedef struct nvmlMemory_st {
    unsigned long long total;
    unsigned long long free;
    unsigned long long used;
} nvmlMemory_t;

typedef struct nvmlProcessInfo_v2_st {
    unsigned int pid;
    unsigned long long usedGpuMemory;
    unsigned int gpuInstanceId;
    unsigned int computeInstanceId;
} nvmlProcessInfo_v2_t, nvmlProcessInfo_t;

#define NVML_VALUE_NOT_AVAILABLE (-1)

/* ---- the fake's devices ----------------------------------------------------------------------------------------- */

#define GIBIBYTE (1024ULL * 1024ULL * 1024ULL)
#define MEBIBYTE (1024ULL * 1024ULL)
#define DEVICE_COUNT 2
#define MAXIMUM_PROCESSES 16

struct nvmlDevice_st {
    unsigned int index;
    const char *name;
    const char *uuid;
    nvmlUtilization_t utilization;
    unsigned long long memoryTotal;
    unsigned long long memoryUsed;
    nvmlReturn_t powerResult;
    unsigned int powerMilliwatts;
    unsigned int powerLimitMilliwatts;
    unsigned int temperature;
    unsigned int clocks[NVML_CLOCK_COUNT];
    unsigned int processCount;
    nvmlProcessInfo_t processes[MAXIMUM_PROCESSES];
};

static struct nvmlDevice_st devices[DEVICE_COUNT];

static const char *const driverVersion = "999.88.77";

static void setUpDevices(void) {
    struct nvmlDevice_st *first = &devices[0];
    struct nvmlDevice_st *second = &devices[1];
    memset(devices, 0, sizeof devices);

    first->index = 0;
    first->name = "Fake GPU 0";
    first->uuid = "GPU-00000000-1111-2222-3333-444444444444";
    first->utilization.gpu = 37;
    first->utilization.memory = 12;
    first->memoryTotal = 80 * GIBIBYTE;
    first->memoryUsed = 20 * GIBIBYTE;
    first->powerResult = NVML_SUCCESS;
    first->powerMilliwatts = 312456;
    first->powerLimitMilliwatts = 700000;
    first->temperature = 61;
    first->clocks[NVML_CLOCK_GRAPHICS] = 1755;
    first->clocks[NVML_CLOCK_SM] = 1980;
    first->clocks[NVML_CLOCK_MEM] = 2619;
    first->clocks[NVML_CLOCK_VIDEO] = 1620;
    first->processCount = 11;
    for (unsigned int i = 0; i < first->processCount; i++) {
        first->processes[i].pid = 1000 + i;
        first->processes[i].usedGpuMemory = (i + 1) * 256 * MEBIBYTE;
        first->processes[i].gpuInstanceId = 0xFFFFFFFFu;
        first->processes[i].computeInstanceId = 0xFFFFFFFFu;
    }

    second->index = 1;
    second->name = "Fake GPU 1";
    second->uuid = "GPU-11111111-2222-3333-4444-555555555555";
    second->utilization.gpu = 5;
    second->utilization.memory = 1;
    second->memoryTotal = 80 * GIBIBYTE;
    second->memoryUsed = 1 * GIBIBYTE;
    second->powerResult = NVML_ERROR_NOT_SUPPORTED;
    second->powerLimitMilliwatts = 350000;
    second->temperature = 45;
    second->clocks[NVML_CLOCK_GRAPHICS] = 1200;
    second->clocks[NVML_CLOCK_SM] = 1410;
    second->clocks[NVML_CLOCK_MEM] = 1593;
    second->clocks[NVML_CLOCK_VIDEO] = 1170;
    second->processCount = 1;
    second->processes[0].pid = 4242;
    second->processes[0].usedGpuMemory = (unsigned long long) NVML_VALUE_NOT_AVAILABLE;
    second->processes[0].gpuInstanceId = 0xFFFFFFFFu;
    second->processes[0].computeInstanceId = 0xFFFFFFFFu;
}

/* ---- test controls ---------------------------------------------------------------------------------------------- */

#define MAXIMUM_ENTRIES 32
#define KEY_LENGTH 80

struct entry {
    char key[KEY_LENGTH];
    int value;
};

static struct entry failures[MAXIMUM_ENTRIES];
static int failureCount;
static struct entry calls[MAXIMUM_ENTRIES];
static int callCount;
static int initCount;
static int devicesReady;

static struct entry *find(struct entry *entries, int count, const char *key) {
    for (int i = 0; i < count; i++) {
        if (strcmp(entries[i].key, key) == 0) {
            return &entries[i];
        }
    }
    return NULL;
}

static void put(struct entry *entries, int *count, const char *key, int value) {
    struct entry *existing = find(entries, *count, key);
    if (existing == NULL) {
        if (*count == MAXIMUM_ENTRIES) {
            return;
        }
        existing = &entries[(*count)++];
        snprintf(existing->key, sizeof existing->key, "%s", key);
    }
    existing->value = value;
}

EXPORT void fakeNvmlReset(void) {
    failureCount = 0;
    callCount = 0;
}

EXPORT void fakeNvmlFail(const char *key, int result) {
    if (key != NULL) {
        put(failures, &failureCount, key, result);
    }
}

EXPORT int fakeNvmlInitCount(void) {
    return initCount;
}

EXPORT int fakeNvmlCalls(const char *function) {
    struct entry *counted = function == NULL ? NULL : find(calls, callCount, function);
    return counted == NULL ? 0 : counted->value;
}

EXPORT unsigned long long fakeNvmlLayout(const char *member) {
    static const struct {
        const char *name;
        unsigned long long value;
    } members[] = {
        {"nvmlUtilization_t", sizeof(nvmlUtilization_t)},
        {"nvmlUtilization_t.gpu", offsetof(nvmlUtilization_t, gpu)},
        {"nvmlUtilization_t.memory", offsetof(nvmlUtilization_t, memory)},
        {"nvmlMemory_t", sizeof(nvmlMemory_t)},
        {"nvmlMemory_t.total", offsetof(nvmlMemory_t, total)},
        {"nvmlMemory_t.free", offsetof(nvmlMemory_t, free)},
        {"nvmlMemory_t.used", offsetof(nvmlMemory_t, used)},
        {"nvmlProcessInfo_t", sizeof(nvmlProcessInfo_t)},
        {"nvmlProcessInfo_t.pid", offsetof(nvmlProcessInfo_t, pid)},
        {"nvmlProcessInfo_t.usedGpuMemory", offsetof(nvmlProcessInfo_t, usedGpuMemory)},
        {"nvmlProcessInfo_t.gpuInstanceId", offsetof(nvmlProcessInfo_t, gpuInstanceId)},
        {"nvmlProcessInfo_t.computeInstanceId", offsetof(nvmlProcessInfo_t, computeInstanceId)},
    };
    for (size_t i = 0; member != NULL && i < sizeof members / sizeof members[0]; i++) {
        if (strcmp(members[i].name, member) == 0) {
            return members[i].value;
        }
    }
    return (unsigned long long) -1;
}

/* Counts the call, then answers a forced result for the function (or for "function:index"), if there is one. */
static nvmlReturn_t enter(const char *function, int index) {
    struct entry *counted = find(calls, callCount, function);
    put(calls, &callCount, function, counted == NULL ? 1 : counted->value + 1);
    struct entry *failure = find(failures, failureCount, function);
    if (failure == NULL && index >= 0) {
        char key[KEY_LENGTH];
        snprintf(key, sizeof key, "%s:%d", function, index);
        failure = find(failures, failureCount, key);
    }
    return failure == NULL ? NVML_SUCCESS : (nvmlReturn_t) failure->value;
}

static int isDevice(nvmlDevice_t device) {
    return device == &devices[0] || device == &devices[1];
}

/* The checks every device query starts with, in the real library's order. */
static nvmlReturn_t enterDevice(const char *function, nvmlDevice_t device, const void *output) {
    nvmlReturn_t forced = enter(function, isDevice(device) ? (int) device->index : -1);
    if (forced != NVML_SUCCESS) {
        return forced;
    }
    if (initCount == 0) {
        return NVML_ERROR_UNINITIALIZED;
    }
    if (!isDevice(device) || output == NULL) {
        return NVML_ERROR_INVALID_ARGUMENT;
    }
    return NVML_SUCCESS;
}

static nvmlReturn_t copyString(const char *value, char *buffer, unsigned int length) {
    if (strlen(value) + 1 > length) {
        return NVML_ERROR_INSUFFICIENT_SIZE;
    }
    memcpy(buffer, value, strlen(value) + 1);
    return NVML_SUCCESS;
}

/* ---- NVML ------------------------------------------------------------------------------------------------------- */

EXPORT nvmlReturn_t nvmlInit_v2(void) {
    nvmlReturn_t forced = enter(__func__, -1);
    if (forced != NVML_SUCCESS) {
        return forced;
    }
    const char *fromEnvironment = getenv("FAKE_NVML_INIT_RESULT");
    if (fromEnvironment != NULL && atoi(fromEnvironment) != NVML_SUCCESS) {
        return (nvmlReturn_t) atoi(fromEnvironment);
    }
    if (!devicesReady) {
        setUpDevices();
        devicesReady = 1;
    }
    initCount++;
    return NVML_SUCCESS;
}

EXPORT nvmlReturn_t nvmlShutdown(void) {
    nvmlReturn_t forced = enter(__func__, -1);
    if (forced != NVML_SUCCESS) {
        return forced;
    }
    if (initCount == 0) {
        return NVML_ERROR_UNINITIALIZED;
    }
    initCount--;
    return NVML_SUCCESS;
}

EXPORT const char *nvmlErrorString(nvmlReturn_t result) {
    switch (result) {
        case NVML_SUCCESS: return "Success";
        case NVML_ERROR_UNINITIALIZED: return "Uninitialized";
        case NVML_ERROR_INVALID_ARGUMENT: return "Invalid Argument";
        case NVML_ERROR_NOT_SUPPORTED: return "Not Supported";
        case NVML_ERROR_NO_PERMISSION: return "Insufficient Permissions";
        case NVML_ERROR_ALREADY_INITIALIZED: return "Already Initialized";
        case NVML_ERROR_NOT_FOUND: return "Not Found";
        case NVML_ERROR_INSUFFICIENT_SIZE: return "Insufficient Size";
        case NVML_ERROR_INSUFFICIENT_POWER: return "Insufficient External Power";
        case NVML_ERROR_DRIVER_NOT_LOADED: return "Driver Not Loaded";
        case NVML_ERROR_TIMEOUT: return "Timeout";
        case NVML_ERROR_IRQ_ISSUE: return "Interrupt request issue";
        case NVML_ERROR_LIBRARY_NOT_FOUND: return "NVML Shared Library Not Found";
        case NVML_ERROR_FUNCTION_NOT_FOUND: return "Function Not Found";
        case NVML_ERROR_CORRUPTED_INFOROM: return "Corrupted infoROM";
        case NVML_ERROR_GPU_IS_LOST: return "GPU is lost";
        case NVML_ERROR_RESET_REQUIRED: return "GPU requires restart";
        case NVML_ERROR_OPERATING_SYSTEM: return "The operating system has blocked the request.";
        case NVML_ERROR_UNKNOWN: return "Unknown Error";
        default: return "Unknown Error";
    }
}

EXPORT nvmlReturn_t nvmlSystemGetDriverVersion(char *version, unsigned int length) {
    nvmlReturn_t forced = enter(__func__, -1);
    if (forced != NVML_SUCCESS) {
        return forced;
    }
    if (initCount == 0) {
        return NVML_ERROR_UNINITIALIZED;
    }
    if (version == NULL) {
        return NVML_ERROR_INVALID_ARGUMENT;
    }
    return copyString(driverVersion, version, length);
}

EXPORT nvmlReturn_t nvmlDeviceGetCount_v2(unsigned int *deviceCount) {
    nvmlReturn_t forced = enter(__func__, -1);
    if (forced != NVML_SUCCESS) {
        return forced;
    }
    if (initCount == 0) {
        return NVML_ERROR_UNINITIALIZED;
    }
    if (deviceCount == NULL) {
        return NVML_ERROR_INVALID_ARGUMENT;
    }
    *deviceCount = DEVICE_COUNT;
    return NVML_SUCCESS;
}

EXPORT nvmlReturn_t nvmlDeviceGetHandleByIndex_v2(unsigned int index, nvmlDevice_t *device) {
    nvmlReturn_t forced = enter(__func__, index < DEVICE_COUNT ? (int) index : -1);
    if (forced != NVML_SUCCESS) {
        return forced;
    }
    if (initCount == 0) {
        return NVML_ERROR_UNINITIALIZED;
    }
    if (index >= DEVICE_COUNT || device == NULL) {
        return NVML_ERROR_INVALID_ARGUMENT;
    }
    *device = &devices[index];
    return NVML_SUCCESS;
}

EXPORT nvmlReturn_t nvmlDeviceGetName(nvmlDevice_t device, char *name, unsigned int length) {
    nvmlReturn_t checked = enterDevice(__func__, device, name);
    return checked != NVML_SUCCESS ? checked : copyString(device->name, name, length);
}

EXPORT nvmlReturn_t nvmlDeviceGetUUID(nvmlDevice_t device, char *uuid, unsigned int length) {
    nvmlReturn_t checked = enterDevice(__func__, device, uuid);
    return checked != NVML_SUCCESS ? checked : copyString(device->uuid, uuid, length);
}

EXPORT nvmlReturn_t nvmlDeviceGetUtilizationRates(nvmlDevice_t device, nvmlUtilization_t *utilization) {
    nvmlReturn_t checked = enterDevice(__func__, device, utilization);
    if (checked != NVML_SUCCESS) {
        return checked;
    }
    *utilization = device->utilization;
    return NVML_SUCCESS;
}

EXPORT nvmlReturn_t nvmlDeviceGetMemoryInfo(nvmlDevice_t device, nvmlMemory_t *memory) {
    nvmlReturn_t checked = enterDevice(__func__, device, memory);
    if (checked != NVML_SUCCESS) {
        return checked;
    }
    memory->total = device->memoryTotal;
    memory->used = device->memoryUsed;
    memory->free = device->memoryTotal - device->memoryUsed;
    return NVML_SUCCESS;
}

EXPORT nvmlReturn_t nvmlDeviceGetPowerUsage(nvmlDevice_t device, unsigned int *power) {
    nvmlReturn_t checked = enterDevice(__func__, device, power);
    if (checked != NVML_SUCCESS) {
        return checked;
    }
    if (device->powerResult != NVML_SUCCESS) {
        return device->powerResult;
    }
    *power = device->powerMilliwatts;
    return NVML_SUCCESS;
}

EXPORT nvmlReturn_t nvmlDeviceGetEnforcedPowerLimit(nvmlDevice_t device, unsigned int *limit) {
    nvmlReturn_t checked = enterDevice(__func__, device, limit);
    if (checked != NVML_SUCCESS) {
        return checked;
    }
    *limit = device->powerLimitMilliwatts;
    return NVML_SUCCESS;
}

EXPORT nvmlReturn_t nvmlDeviceGetTemperature(nvmlDevice_t device, nvmlTemperatureSensors_t sensorType,
                                             unsigned int *temperature) {
    nvmlReturn_t checked = enterDevice(__func__, device, temperature);
    if (checked != NVML_SUCCESS) {
        return checked;
    }
    if (sensorType != NVML_TEMPERATURE_GPU) {
        return NVML_ERROR_INVALID_ARGUMENT;
    }
    *temperature = device->temperature;
    return NVML_SUCCESS;
}

EXPORT nvmlReturn_t nvmlDeviceGetClockInfo(nvmlDevice_t device, nvmlClockType_t type, unsigned int *clock) {
    nvmlReturn_t checked = enterDevice(__func__, device, clock);
    if (checked != NVML_SUCCESS) {
        return checked;
    }
    if ((unsigned int) type >= NVML_CLOCK_COUNT) {
        return NVML_ERROR_INVALID_ARGUMENT;
    }
    *clock = device->clocks[type];
    return NVML_SUCCESS;
}

/*
 * As documented in nvml.h: if *infoCount is smaller than the number of processes (or infos is NULL while there are
 * some), answer NVML_ERROR_INSUFFICIENT_SIZE and set *infoCount to the number needed; otherwise fill infos and set
 * *infoCount to the number filled.
 */
EXPORT nvmlReturn_t nvmlDeviceGetComputeRunningProcesses_v3(nvmlDevice_t device, unsigned int *infoCount,
                                                            nvmlProcessInfo_t *infos) {
    nvmlReturn_t checked = enterDevice(__func__, device, infoCount);
    if (checked != NVML_SUCCESS) {
        return checked;
    }
    if (*infoCount < device->processCount || (infos == NULL && device->processCount > 0)) {
        *infoCount = device->processCount;
        return NVML_ERROR_INSUFFICIENT_SIZE;
    }
    for (unsigned int i = 0; i < device->processCount; i++) {
        infos[i] = device->processes[i];
    }
    *infoCount = device->processCount;
    return NVML_SUCCESS;
}
