# Precompiled headers: the standard and fmt headers nearly every file includes (plus each target's own
# heavy ones, e.g. ImGui or doctest) are parsed once per target instead of once per file. On the 2-core
# build machine this is the largest share of `./dev.sh test`'s time (README "Performance").
option(KIOSK_PCH "Precompile the headers most files include" ON)

set(KIOSK_PCH_COMMON <algorithm> <chrono> <cstdint> <filesystem> <functional> <map> <memory> <optional>
  <string> <string_view> <utility> <variant> <vector> <fmt/format.h>)

function(kiosk_precompile target)
  if(KIOSK_PCH)
    target_precompile_headers(${target} PRIVATE ${KIOSK_PCH_COMMON} ${ARGN})
    target_link_libraries(${target} PRIVATE fmt::fmt)
  endif()
endfunction()
