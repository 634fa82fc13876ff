#include "platform/narration_player.hpp"

#define STB_VORBIS_HEADER_ONLY
#include <stb_vorbis.h>

#include <cstdlib>
#include <memory>

namespace platform {

NarrationPlayer::~NarrationPlayer() {
    if (m_device) SDL_CloseAudioDevice(m_device);
}

bool NarrationPlayer::openDevice(int rate, int channels) {
    if (m_device && rate == m_rate && channels == m_channels) return true;
    if (m_device) SDL_CloseAudioDevice(m_device);
    m_device = 0;
    // Audio is optional: a kiosk without a sound device still serves residents.
    if (!SDL_WasInit(SDL_INIT_AUDIO) && SDL_InitSubSystem(SDL_INIT_AUDIO) != 0) {
        m_lastError = std::string("no audio: ") + SDL_GetError();
        return false;
    }
    SDL_AudioSpec want{};
    want.freq = rate;
    want.format = AUDIO_S16SYS;
    want.channels = static_cast<Uint8>(channels);
    want.samples = 4096;
    m_device = SDL_OpenAudioDevice(nullptr, 0, &want, nullptr, 0); // SDL converts if the device differs
    if (!m_device) {
        m_lastError = std::string("no sound device: ") + SDL_GetError();
        return false;
    }
    m_rate = rate;
    m_channels = channels;
    return true;
}

bool NarrationPlayer::play(const std::filesystem::path& file) {
    stop();
    if (file.empty() || !std::filesystem::exists(file)) {
        m_lastError = "no narration file " + file.string();
        return false;
    }
    if (file.extension() == ".wav") {
        SDL_AudioSpec spec;
        Uint8* buffer = nullptr;
        Uint32 length = 0;
        if (!SDL_LoadWAV(file.c_str(), &spec, &buffer, &length)) {
            m_lastError = std::string("cannot read ") + file.string() + ": " + SDL_GetError();
            return false;
        }
        std::unique_ptr<Uint8, void (*)(Uint8*)> owned(buffer, SDL_FreeWAV);
        SDL_AudioCVT cvt;
        // Convert whatever the WAV holds to 16-bit so one device format serves every file.
        SDL_BuildAudioCVT(&cvt, spec.format, spec.channels, spec.freq, AUDIO_S16SYS, spec.channels,
                          spec.freq);
        std::unique_ptr<Uint8, void (*)(void*)> converted(
            static_cast<Uint8*>(SDL_malloc(static_cast<size_t>(length) * static_cast<size_t>(cvt.len_mult))),
            SDL_free);
        cvt.len = static_cast<int>(length);
        cvt.buf = converted.get();
        SDL_memcpy(cvt.buf, buffer, length);
        if (cvt.needed) SDL_ConvertAudio(&cvt);
        if (!openDevice(spec.freq, spec.channels)) return false;
        SDL_QueueAudio(m_device, cvt.buf, static_cast<Uint32>(cvt.len_cvt));
    } else {
        int channels = 0, rate = 0;
        short* samples = nullptr;
        int frames = stb_vorbis_decode_filename(file.c_str(), &channels, &rate, &samples);
        if (frames <= 0 || !samples) {
            m_lastError = "cannot decode " + file.string();
            return false;
        }
        std::unique_ptr<short, void (*)(void*)> owned(samples, std::free);
        if (!openDevice(rate, channels)) return false;
        SDL_QueueAudio(m_device, samples, static_cast<Uint32>(frames * channels * 2));
    }
    SDL_PauseAudioDevice(m_device, 0);
    m_lastError.clear();
    return true;
}

void NarrationPlayer::stop() {
    if (m_device) SDL_ClearQueuedAudio(m_device);
}

bool NarrationPlayer::isPlaying() const {
    return m_device && SDL_GetQueuedAudioSize(m_device) > 0;
}

} // namespace platform
