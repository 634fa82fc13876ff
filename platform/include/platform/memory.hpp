// How much memory this process uses, for the benchmark's "memory does not grow" check.
#pragma once

namespace platform {

struct MemoryUse {
    long residentKb = 0;     // VmRSS
    long peakResidentKb = 0; // VmHWM
};

// Read from /proc/self/status; zeros where it cannot be read.
[[nodiscard]] MemoryUse memoryUse();

} // namespace platform
