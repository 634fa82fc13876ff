#include "platform/memory.hpp"

#include <cstdlib>
#include <fstream>
#include <string>

namespace platform {

MemoryUse memoryUse() {
    MemoryUse use;
    std::ifstream status("/proc/self/status");
    std::string line;
    while (std::getline(status, line)) {
        // Lines read like "VmRSS:	   30120 kB".
        if (line.starts_with("VmRSS:"))
            use.residentKb = std::strtol(line.c_str() + 6, nullptr, 10);
        else if (line.starts_with("VmHWM:"))
            use.peakResidentKb = std::strtol(line.c_str() + 6, nullptr, 10);
    }
    return use;
}

} // namespace platform
