// Plays a step's narration (Ogg Vorbis or WAV) through SDL audio. Without a sound device or with a
// missing file it says why and does nothing else: the kiosk stays fully usable.
#pragma once

#include <SDL.h>

#include <filesystem>
#include <string>

namespace platform {

class NarrationPlayer {
  public:
    NarrationPlayer() = default;
    NarrationPlayer(const NarrationPlayer&) = delete;
    NarrationPlayer& operator=(const NarrationPlayer&) = delete;
    ~NarrationPlayer();

    // Stops what is playing and starts this file. Returns false with a reason in lastError().
    bool play(const std::filesystem::path& file);
    void stop();
    [[nodiscard]] bool isPlaying() const;
    [[nodiscard]] const std::string& lastError() const { return m_lastError; }

  private:
    bool openDevice(int rate, int channels);

    SDL_AudioDeviceID m_device = 0;
    int m_rate = 0, m_channels = 0;
    std::string m_lastError;
};

} // namespace platform
