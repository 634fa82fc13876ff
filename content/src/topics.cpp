#include "content/topics.hpp"

#include <algorithm>
#include <array>

namespace content {

namespace {
constexpr std::array kTopics{
    Topic{"vneid", "VNeID", "Định danh điện tử"},
    Topic{"ihanoi", "iHanoi", "Phản ánh, hỏi đáp với thành phố"},
    Topic{"dichvucong", "Dịch vụ công", "Làm thủ tục trên mạng"},
    Topic{"antoan", "Sống an toàn trên mạng", "Tránh lừa đảo qua điện thoại"},
};
} // namespace

std::span<const Topic> topics() {
    return kTopics;
}

const Topic* findTopic(std::string_view id) {
    auto it = std::ranges::find(kTopics, id, &Topic::id);
    return it == kTopics.end() ? nullptr : &*it;
}

} // namespace content
