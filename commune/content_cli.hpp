// commune-hub content keygen | pack | publish: making, signing and publishing content packs.
#pragma once

#include <map>
#include <string>
#include <vector>

namespace commune {

// positional[0] is "content"; options are the --name value pairs. Returns the exit status.
int contentCommand(const std::vector<std::string>& positional,
                   const std::map<std::string, std::string>& options);

} // namespace commune
