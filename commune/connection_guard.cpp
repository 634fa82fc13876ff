#include "connection_guard.hpp"

namespace commune {

bool ClientSlots::acquire(const std::string& key) {
    std::lock_guard lock(m_mutex);
    std::size_t& open = m_open[key];
    if (open >= m_perClient) {
        if (open == 0) m_open.erase(key);
        return false;
    }
    ++open;
    return true;
}

void ClientSlots::release(const std::string& key) {
    std::lock_guard lock(m_mutex);
    const auto found = m_open.find(key);
    if (found == m_open.end()) return;
    if (--found->second == 0) m_open.erase(found);
}

std::size_t ClientSlots::clients() {
    std::lock_guard lock(m_mutex);
    return m_open.size();
}

} // namespace commune
