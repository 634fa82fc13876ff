// Load generator for the commune hub: realistic daily rollups from many simulated kiosks.
//   hub_load sample [--day D]                     one realistic upload (JSON) on stdout, sizes on stderr
//   hub_load export --kiosks FILE --first-day D --days N > uploads.jsonl
//                                                 JSON Lines for `commune-hub import` (report seeding)
//   hub_load send --url http://127.0.0.1:PORT --kiosks FILE --day D [--threads 8] [--rounds 1] [--gzip]
//                                                 every kiosk uploads its day; prints rate and latencies
// FILE: lines "KIOSK_ID TOKEN VILLAGE" (village may contain spaces).
#include "common/usage_upload.hpp"
#include "realistic_day.hpp"

#include <httplib.h>
#include <zlib.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <latch>
#include <map>
#include <random>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

namespace {

using namespace kiosk::upload;

struct KioskLine {
    std::string id, token, village;
};

std::vector<KioskLine> readKiosks(const std::string& file) {
    std::vector<KioskLine> out;
    std::ifstream in(file);
    std::string line;
    while (std::getline(in, line)) {
        std::istringstream fields(line);
        KioskLine k;
        fields >> k.id >> k.token;
        std::getline(fields >> std::ws, k.village);
        if (!k.id.empty()) out.push_back(k);
    }
    return out;
}

Upload realisticUpload(const KioskLine& k, const std::vector<std::string>& days, std::uint32_t seed) {
    Upload u;
    u.kioskId = k.id;
    u.village = k.village;
    u.heartbeat = {"0.1.0", 86400, 20480, "2026-11-01", "", "2026-11-25T08:00:00Z", 0, 51.5};
    for (std::size_t i = 0; i < days.size(); ++i)
        u.days.push_back(bench::realisticDay(days[i], seed * 131u + static_cast<std::uint32_t>(i)));
    return u;
}

std::string gzip(const std::string& data) {
    z_stream z{};
    deflateInit2(&z, Z_BEST_COMPRESSION, Z_DEFLATED, 15 + 16, 9, Z_DEFAULT_STRATEGY);
    std::string out(deflateBound(&z, static_cast<uLong>(data.size())) + 32, '\0');
    z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
    z.avail_in = static_cast<uInt>(data.size());
    z.next_out = reinterpret_cast<Bytef*>(out.data());
    z.avail_out = static_cast<uInt>(out.size());
    deflate(&z, Z_FINISH);
    out.resize(z.total_out);
    deflateEnd(&z);
    return out;
}

std::string option(int argc, char** argv, const std::string& name, const std::string& fallback) {
    for (int i = 2; i + 1 < argc; ++i)
        if (argv[i] == "--" + name) return argv[i + 1];
    return fallback;
}

bool flag(int argc, char** argv, const std::string& name) {
    for (int i = 2; i < argc; ++i)
        if (argv[i] == "--" + name) return true;
    return false;
}

std::string nextDay(const std::string& day) {
    using namespace std::chrono;
    const year_month_day d{year{std::stoi(day.substr(0, 4))},
                           month{static_cast<unsigned>(std::stoi(day.substr(5, 2)))},
                           std::chrono::day{static_cast<unsigned>(std::stoi(day.substr(8, 2)))}};
    const year_month_day n{sys_days{d} + days{1}};
    char buf[16];
    std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", static_cast<int>(n.year()),
                  static_cast<unsigned>(n.month()), static_cast<unsigned>(n.day()));
    return buf;
}

int sample(int argc, char** argv) {
    const std::string json =
        toJson(realisticUpload({"thon-1-kiosk", "", "Thôn 1"}, {option(argc, argv, "day", "2026-11-24")}, 1))
            .dump();
    std::cout << json << "\n";
    std::cerr << "one realistic day: " << json.size() << " bytes JSON, " << gzip(json).size()
              << " bytes gzipped\n";
    return 0;
}

int exportLines(int argc, char** argv) {
    const auto kiosks = readKiosks(option(argc, argv, "kiosks", ""));
    const int dayCount = std::stoi(option(argc, argv, "days", "1"));
    std::string day = option(argc, argv, "first-day", "2026-07-01");
    std::vector<std::string> days;
    for (int i = 0; i < dayCount; ++i, day = nextDay(day))
        days.push_back(day);
    // One line per kiosk per month-sized chunk (the 62-day limit per upload).
    for (std::size_t k = 0; k < kiosks.size(); ++k)
        for (std::size_t from = 0; from < days.size(); from += 31) {
            std::vector<std::string> chunk(days.begin() + static_cast<long>(from),
                                           days.begin() +
                                               static_cast<long>(std::min(days.size(), from + 31)));
            std::cout << toJson(
                             realisticUpload(kiosks[k], chunk, static_cast<std::uint32_t>(k * 1000 + from)))
                             .dump()
                      << "\n";
        }
    return 0;
}

int send(int argc, char** argv) {
    const std::string url = option(argc, argv, "url", "http://127.0.0.1:8080");
    const auto kiosks = readKiosks(option(argc, argv, "kiosks", ""));
    const std::string day = option(argc, argv, "day", "2026-11-24");
    const int threads = std::stoi(option(argc, argv, "threads", "8"));
    const int rounds = std::stoi(option(argc, argv, "rounds", "1"));
    const bool compress = flag(argc, argv, "gzip");
    if (kiosks.empty()) {
        std::cerr << "hub_load: no kiosks (--kiosks FILE)\n";
        return 2;
    }
    // Bodies are made before the clock starts: the benchmark measures the hub, not this generator.
    std::vector<std::string> bodies;
    for (std::size_t i = 0; i < kiosks.size(); ++i) {
        const std::string json =
            toJson(realisticUpload(kiosks[i], {day}, static_cast<std::uint32_t>(i))).dump();
        bodies.push_back(compress ? gzip(json) : json);
    }
    std::atomic<std::size_t> next{0};
    std::atomic<int> failures{0};
    const std::size_t total = kiosks.size() * static_cast<std::size_t>(rounds);
    std::vector<std::vector<double>> latencies(static_cast<std::size_t>(threads));
    // Connections are opened before the clock starts, as kiosks' would be: the benchmark measures
    // uploads, not a burst of simultaneous connects (httplib's listen backlog is small).
    std::latch connected(threads + 1);
    std::vector<std::thread> workers;
    for (int t = 0; t < threads; ++t)
        workers.emplace_back([&, t] {
            httplib::Client client(url);
            client.set_keep_alive(true);
            client.set_tcp_nodelay(true);
            (void)client.Get("/health");
            connected.arrive_and_wait();
            for (std::size_t i; (i = next++) < total;) {
                const std::size_t k = i % kiosks.size();
                httplib::Headers headers{{"Authorization", "Bearer " + kiosks[k].token}};
                if (compress) headers.emplace("Content-Encoding", "gzip");
                const auto sent = std::chrono::steady_clock::now();
                auto res = client.Post("/api/v1/uploads", headers, bodies[k], "application/json");
                latencies[static_cast<std::size_t>(t)].push_back(
                    std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - sent)
                        .count());
                if (!res || res->status != 200) {
                    if (failures++ < 3)
                        std::cerr << "upload failed: "
                                  << (res ? std::to_string(res->status) + " " + res->body : "no response")
                                  << "\n";
                }
            }
        });
    connected.arrive_and_wait();
    const auto start = std::chrono::steady_clock::now();
    for (auto& w : workers)
        w.join();
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    std::vector<double> all;
    for (auto& l : latencies)
        all.insert(all.end(), l.begin(), l.end());
    std::sort(all.begin(), all.end());
    const auto pct = [&](double p) {
        return all[std::min(all.size() - 1, static_cast<std::size_t>(p * static_cast<double>(all.size())))];
    };
    std::printf(
        "uploads=%zu failures=%d seconds=%.3f rate=%.0f/s p50=%.2fms p99=%.2fms max=%.2fms body=%zuB%s\n",
        total, failures.load(), seconds, static_cast<double>(total) / seconds, pct(0.50), pct(0.99),
        all.back(), bodies[0].size(), compress ? " (gzip)" : "");
    return failures == 0 ? 0 : 1;
}

} // namespace

int main(int argc, char** argv) {
    const std::string command = argc > 1 ? argv[1] : "";
    if (command == "sample") return sample(argc, argv);
    if (command == "export") return exportLines(argc, argv);
    if (command == "send") return send(argc, argv);
    std::cerr << "usage: hub_load sample|export|send ... (see the top of tests/bench/hub_load.cpp)\n";
    return 2;
}
