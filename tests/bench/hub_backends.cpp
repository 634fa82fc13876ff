// Both hub stores side by side on the same data: a city's kiosks (3,000 by default) each send realistic days
// through HubStore::replaceRollups, then the city-wide quarter report (buildReport + CSV, what the office
// downloads) is made over what each store holds. The two reports must be byte for byte the same.
//   hub_backends --sqlite FILE --postgresql URL [--kiosks 3000] [--days 13] [--runs 5]
// --days: that many days of 2026-Q3, one a week from 2026-07-01 (a whole quarter would take too long to
// seed).
#include "calendar.hpp"
#include "pg_hub_store.hpp"
#include "realistic_day.hpp"
#include "report.hpp"
#include "sqlite_hub_store.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <iostream>
#include <map>
#include <string>
#include <vector>

namespace {

using Clock = std::chrono::steady_clock;

std::string option(int argc, char** argv, const std::string& name, const std::string& fallback) {
    for (int i = 1; i + 1 < argc; ++i)
        if (argv[i] == "--" + name) return argv[i + 1];
    return fallback;
}

double seconds(Clock::time_point since) {
    return std::chrono::duration<double>(Clock::now() - since).count();
}

double median(std::vector<double> values) {
    std::sort(values.begin(), values.end());
    const std::size_t n = values.size();
    return n % 2 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
}

std::string kioskId(int k) {
    return fmt::format("kiosk-{}", k);
}

// Hà Nội: 126 communes and wards; two kiosks a village.
std::string villageOf(int k) {
    return fmt::format("Xã {} - Thôn {}", k / 2 % 126 + 1, k / 2 + 1);
}

std::string weekDay(int week) {
    static const char* days[] = {"2026-07-01", "2026-07-08", "2026-07-15", "2026-07-22", "2026-07-29",
                                 "2026-08-05", "2026-08-12", "2026-08-19", "2026-08-26", "2026-09-02",
                                 "2026-09-09", "2026-09-16", "2026-09-23", "2026-09-30"};
    return days[week];
}

struct Figures {
    double ingestPerSecond = 0; // median over the days
    double reportMs = 0;        // median over the runs
    double sumsMs = 0;          // of which the store's part: HubStore::periodFigures alone
    std::string csv;
};

Figures measure(const std::string& name, commune::HubStore& store, int kiosks, int days, int runs) {
    for (int k = 0; k < kiosks; ++k)
        if (!store.addKiosk(kioskId(k), villageOf(k), fmt::format("token-hash-{}", k)))
            throw std::runtime_error("the store is not empty: " + kioskId(k) + " exists");
    Figures out;
    std::vector<double> rates;
    const std::int64_t sent = 1798675200; // 2027-01-01: after the quarter
    for (int d = 0; d < days; ++d) {
        const std::string day = weekDay(d);
        std::vector<kiosk::upload::Upload> uploads; // made before the clock starts: only the store is timed
        for (int k = 0; k < kiosks; ++k) {
            kiosk::upload::Upload u;
            u.kioskId = kioskId(k);
            u.heartbeat = {"0.1.0", 86400, 20480, "2026-11-01", "", "2027-01-01T00:00:00Z", 0, 51.5};
            u.days.push_back(bench::realisticDay(day, static_cast<std::uint32_t>(k * 131 + d)));
            uploads.push_back(std::move(u));
        }
        const auto start = Clock::now();
        for (const auto& u : uploads)
            store.replaceRollups(u, {sent + d, sent + d, sent + d});
        const double elapsed = seconds(start);
        rates.push_back(kiosks / elapsed);
        std::cout << fmt::format("{}: {} {} kiosks' days in {:.2f} s ({:.0f} uploads/s)\n", name, day, kiosks,
                                 elapsed, kiosks / elapsed)
                  << std::flush;
    }
    out.ingestPerSecond = median(rates);
    const auto quarter = commune::parsePeriod("2026-Q3");
    std::vector<double> times;
    for (int r = 0; r < runs; ++r) {
        const auto start = Clock::now();
        out.csv = commune::renderCsv(commune::buildReport(store, *quarter, sent + days));
        times.push_back(seconds(start) * 1000);
        std::cout << fmt::format("{}: quarter report run {}: {:.0f} ms ({} bytes CSV)\n", name, r + 1,
                                 times.back(), out.csv.size())
                  << std::flush;
    }
    out.reportMs = median(times);
    times.clear();
    for (int r = 0; r < runs; ++r) {
        const auto start = Clock::now();
        const auto sums = store.periodFigures({"2026-07-01", "2026-09-30"});
        times.push_back(seconds(start) * 1000);
        std::cout << fmt::format("{}: periodFigures run {}: {:.0f} ms ({} villages, {} step rows)\n", name,
                                 r + 1, times.back(), sums.villages.size(), sums.steps.size())
                  << std::flush;
    }
    out.sumsMs = median(times);
    return out;
}

} // namespace

int main(int argc, char** argv) {
    const std::string sqliteFile = option(argc, argv, "sqlite", "");
    const std::string pgUrl = option(argc, argv, "postgresql", "");
    const int kiosks = std::stoi(option(argc, argv, "kiosks", "3000"));
    const int days = std::clamp(std::stoi(option(argc, argv, "days", "13")), 1, 14);
    const int runs = std::stoi(option(argc, argv, "runs", "5"));
    if (sqliteFile.empty() || pgUrl.empty()) {
        std::cerr
            << "usage: hub_backends --sqlite FILE --postgresql URL [--kiosks N] [--days N] [--runs N]\n";
        return 2;
    }
    try {
        std::map<std::string, Figures> results;
        {
            auto store = commune::SqliteHubStore::open(sqliteFile);
            results["sqlite"] = measure("sqlite", *store, kiosks, days, runs);
        }
        {
            auto store = commune::PgHubStore::open(pgUrl);
            results["postgresql"] = measure("postgresql", *store, kiosks, days, runs);
        }
        for (const auto& [name, f] : results)
            std::cout << fmt::format(
                "median {}: ingest {:.0f} uploads/s ({} kiosks x {} days); quarter report {:.0f} ms, of "
                "which the store's sums {:.0f} ms ({} runs)\n",
                name, f.ingestPerSecond, kiosks, days, f.reportMs, f.sumsMs, runs);
        const bool same = results["sqlite"].csv == results["postgresql"].csv;
        std::cout << "reports identical: " << (same ? "yes" : "NO") << "\n";
        return same ? 0 : 1;
    } catch (const std::exception& e) {
        std::cerr << "hub_backends: " << e.what() << "\n";
        return 1;
    }
}
