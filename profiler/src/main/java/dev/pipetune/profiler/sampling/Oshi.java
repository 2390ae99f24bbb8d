package dev.pipetune.profiler.sampling;

import oshi.SystemInfo;
import oshi.hardware.HardwareAbstractionLayer;
import oshi.software.os.OperatingSystem;
import oshi.util.GlobalConfig;

/**
 * The one OSHI {@link SystemInfo} of the process, created on first use.
 *
 * <p>OSHI caches most readings for {@value #OSHI_DEFAULT_CACHE_MILLIS} ms by default, which at 4 Hz would hand every
 * other tick the previous tick's CPU counters. Unless {@code -Doshi.util.memoizer.expiration} is set, the cache is
 * turned off before OSHI's first use: the samplers read each value once per tick anyway. OSHI reads the setting once,
 * so it holds for OSHI objects created later in the process too.
 */
final class Oshi {

    static final int OSHI_DEFAULT_CACHE_MILLIS = 300;

    private static SystemInfo systemInfo;

    private Oshi() {
    }

    /** {@return the process's OSHI entry point} */
    static synchronized SystemInfo systemInfo() {
        if (systemInfo == null) {
            if (System.getProperty(GlobalConfig.OSHI_UTIL_MEMOIZER_EXPIRATION) == null) {
                GlobalConfig.set(GlobalConfig.OSHI_UTIL_MEMOIZER_EXPIRATION, 0);
            }
            systemInfo = new SystemInfo();
        }
        return systemInfo;
    }

    /** {@return the hardware, OSHI's memoized instance} */
    static HardwareAbstractionLayer hardware() {
        return systemInfo().getHardware();
    }

    /** {@return the operating system, OSHI's memoized instance} */
    static OperatingSystem operatingSystem() {
        return systemInfo().getOperatingSystem();
    }
}
