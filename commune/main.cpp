// commune-hub: receives kiosk uploads, stores them, serves reports. See commune/README.md.
#include "auth.hpp"
#include "calendar.hpp"
#include "common/local_time.hpp"
#include "content_cli.hpp"
#include "http_server.hpp"
#include "ingest.hpp"
#include "population.hpp"
#include "report.hpp"
#include "sqlite_hub_store.hpp"
#if defined(KIOSK_HUB_POSTGRESQL)
#include "pg_hub_store.hpp"
#endif

#include <fmt/format.h>
#include <sodium.h>

#include <chrono>
#include <csignal>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <pthread.h>
#include <string>
#include <sys/stat.h>
#include <thread>
#include <utility>
#include <vector>

namespace {

constexpr std::string_view kUsage = R"(usage:
  commune-hub serve --listen HOST:PORT --data DIR [--threads N]   (PORT 0: any free port, printed)
                    [--tls-cert FILE --tls-key FILE]               (HTTPS: PEM certificate chain and key)
                    [--max-connections-per-client N]               (default 16)
                    [--commune NAME]                               (in the report's heading, e.g. "Xã Đông Anh")
  commune-hub kiosk add ID --village NAME --data DIR              (prints the kiosk's token once)
  commune-hub kiosk set-village ID --village NAME --data DIR      (the village a kiosk's figures count for)
  commune-hub import FILE --data DIR                              (JSON Lines from kiosk --export-stats)
  commune-hub report (--month YYYY-MM | --quarter YYYY-QN) [--format text|csv|xlsx] [--commune NAME] --data DIR
  commune-hub staff add USER --data DIR                           (password: first line of stdin)
  commune-hub population set --village NAME --adults N [--smartphone N] [--vneid N] --as-of YYYY-MM-DD
                    --data DIR                                     (a village's adults, counted that day)
  commune-hub population list --data DIR                          (every entry, by village and date)
  commune-hub content keygen|pack|publish ...                     (signed content packs; see README)
store: --data DIR keeps DIR/hub.sqlite; --database FILE another SQLite file; --database postgresql://...
  a PostgreSQL server (libpq URL). serve still needs --data DIR for its content packs.
)";

struct Args {
    std::vector<std::string> positional;
    std::map<std::string, std::string> options; // --name value
};

std::optional<Args> parseArgs(int argc, char** argv) {
    Args args;
    for (int i = 1; i < argc; ++i) {
        std::string a = argv[i];
        if (a.starts_with("--")) {
            if (i + 1 >= argc) return std::nullopt;
            args.options[a.substr(2)] = argv[++i];
        } else {
            args.positional.push_back(a);
        }
    }
    return args;
}

int usageError(const std::string& message) {
    std::cerr << "commune-hub: " << message << "\n" << kUsage;
    return 2;
}

std::int64_t nowUnix() {
    return std::chrono::duration_cast<std::chrono::seconds>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
}

// A libpq URL, without its password (for messages).
std::string withoutPassword(const std::string& url) {
    const auto scheme = url.find("://");
    const auto at = url.find('@');
    if (scheme == std::string::npos || at == std::string::npos) return url;
    const auto colon = url.find(':', scheme + 3);
    if (colon == std::string::npos || colon > at) return url;
    return url.substr(0, colon + 1) + "***" + url.substr(at);
}

// --database postgresql://... picks PostgreSQL; --database FILE an SQLite file; neither, DIR/hub.sqlite.
std::unique_ptr<commune::HubStore> openStore(const Args& args) {
    if (auto database = args.options.find("database"); database != args.options.end()) {
        const std::string& where = database->second;
        if (where.starts_with("postgresql://") || where.starts_with("postgres://")) {
#if defined(KIOSK_HUB_POSTGRESQL)
            try {
                return commune::PgHubStore::open(where);
            } catch (const commune::PgError& e) {
                // libpq may quote the URL it could not parse: never with its password.
                std::string message = e.what();
                for (auto at = message.find(where); at != std::string::npos; at = message.find(where, at))
                    message.replace(at, where.size(), withoutPassword(where));
                throw std::runtime_error(fmt::format("--database {}: {}", withoutPassword(where), message));
            }
#else
            throw std::invalid_argument(fmt::format("--database {}: this commune-hub was built without "
                                                    "PostgreSQL (KIOSK_HUB_POSTGRESQL=OFF)",
                                                    withoutPassword(where)));
#endif
        }
        if (where.find("://") != std::string::npos)
            throw std::invalid_argument(fmt::format(
                "--database {}: not a postgresql:// URL nor an SQLite file name", withoutPassword(where)));
        return commune::SqliteHubStore::open(where);
    }
    auto it = args.options.find("data");
    if (it == args.options.end()) throw std::invalid_argument("--data DIR (or --database) is required");
    std::filesystem::create_directories(it->second);
    return commune::SqliteHubStore::open(std::filesystem::path(it->second) / "hub.sqlite");
}

std::string optionText(const Args& args, const std::string& name) {
    const auto found = args.options.find(name);
    return found == args.options.end() ? std::string() : found->second;
}

int serve(const Args& args) {
    auto listen = args.options.find("listen");
    if (listen == args.options.end()) return usageError("serve needs --listen HOST:PORT");
    const auto colon = listen->second.rfind(':');
    if (colon == std::string::npos) return usageError("--listen wants HOST:PORT");
    const std::string host = listen->second.substr(0, colon);
    int port = 0;
    try {
        port = std::stoi(listen->second.substr(colon + 1));
    } catch (const std::exception&) {
        return usageError("--listen wants HOST:PORT");
    }
    commune::ServerOptions options;
    for (const auto& [option, value] : {std::pair{"threads", &options.limits.workers},
                                        {"max-connections-per-client", &options.limits.perClient}}) {
        if (auto t = args.options.find(option); t != args.options.end()) {
            int n = 0;
            try {
                n = std::stoi(t->second);
            } catch (const std::exception&) {
            }
            if (n < 1 || n > 4096) return usageError(fmt::format("--{}: a number from 1 to 4096", option));
            *value = static_cast<std::size_t>(n);
        }
    }
    const bool hasCert = args.options.contains("tls-cert"), hasKey = args.options.contains("tls-key");
    if (hasCert != hasKey) return usageError("--tls-cert and --tls-key go together");
    if (hasCert) {
        options.tlsCertFile = args.options.at("tls-cert");
        options.tlsKeyFile = args.options.at("tls-key");
        for (const auto& [option, file] :
             {std::pair{"--tls-cert", options.tlsCertFile}, {"--tls-key", options.tlsKeyFile}}) {
            if (!std::ifstream(file)) {
                std::cerr << "commune-hub: " << option << " " << file << ": cannot read the file\n";
                return 2;
            }
        }
    }

    // Signals go to one waiting thread, which stops the server cleanly (no work in a signal handler).
    sigset_t signals;
    sigemptyset(&signals);
    sigaddset(&signals, SIGINT);
    sigaddset(&signals, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &signals, nullptr);

    if (!args.options.contains("data")) return usageError("serve needs --data DIR (its content packs)");
    auto store = openStore(args);
    options.packsDir = std::filesystem::path(args.options.at("data")) / "packs";
    options.communeName = optionText(args, "commune");
    commune::HubServer server(*store, options);
    if (!server.valid()) { // never fall back to plain HTTP: kiosks would refuse it anyway
        std::cerr << "commune-hub: --tls-cert " << options.tlsCertFile << " / --tls-key "
                  << options.tlsKeyFile << ": not a PEM certificate (chain) and its matching private key\n";
        return 2;
    }
    const int bound = server.bind(host, port);
    if (bound < 0) {
        std::cerr << "commune-hub: cannot listen on " << listen->second << "\n";
        return 1;
    }
    std::cout << "listening on " << host << ":" << bound << std::endl;
    std::thread signalWaiter([&] {
        int received = 0;
        sigwait(&signals, &received);
        server.stop();
    });
    const bool ok = server.run();
    // run() also returns when listening fails; wake the waiter so it can be joined.
    pthread_kill(signalWaiter.native_handle(), SIGTERM);
    signalWaiter.join();
    std::cerr << "commune-hub: stopped\n";
    return ok ? 0 : 1;
}

// The village a kiosk's figures count for comes from here only, never from an upload: a kiosk (or whoever
// holds its token) cannot move its figures into another village's, or name itself "Toàn xã".
std::optional<std::string> villageOption(const Args& args, int& status) {
    const auto found = args.options.find("village");
    if (found == args.options.end()) {
        status = usageError("--village NAME is required: the village the kiosk's figures count for");
        return std::nullopt;
    }
    std::string problem = commune::villageProblem(found->second);
    if (problem.empty() && found->second == commune::kCommuneLabel)
        problem = fmt::format("\"{}\" is the whole commune's row in the report", commune::kCommuneLabel);
    if (!problem.empty()) {
        status = usageError(fmt::format("--village {:?}: {}", found->second, problem));
        return std::nullopt;
    }
    return found->second;
}

int kioskSetVillage(const Args& args) {
    if (args.positional.size() != 3) return usageError("kiosk set-village ID --village NAME");
    int status = 0;
    const auto village = villageOption(args, status);
    if (!village) return status;
    auto store = openStore(args);
    if (!store->setKioskVillage(args.positional[2], *village)) {
        std::cerr << "commune-hub: kiosk " << args.positional[2] << " is not registered\n";
        return 1;
    }
    std::cout << "kiosk " << args.positional[2] << ": village " << *village << "\n";
    return 0;
}

int kioskAdd(const Args& args) {
    if (args.positional.size() != 3) return usageError("kiosk add ID --village NAME");
    const std::string& id = args.positional[2];
    // The kiosk's own rule: an id its kiosk.toml would refuse could never upload.
    if (!kiosk::upload::isKioskId(id))
        return usageError(fmt::format("kiosk id {:?}: must be 1 to 64 characters from a-z, 0-9 and \"-\" "
                                      "(what kiosk.toml's kiosk_id accepts)",
                                      id));
    int status = 0;
    const auto village = villageOption(args, status);
    if (!village) return status;
    auto store = openStore(args);
    const std::string token = commune::auth::randomSecret();
    if (!store->addKiosk(id, *village, commune::auth::hashSecret(token))) {
        std::cerr << "commune-hub: kiosk " << id << " is already registered\n";
        return 1;
    }
    std::cout << token << "\n";
    return 0;
}

int import(const Args& args) {
    if (args.positional.size() != 2) return usageError("import FILE");
    std::ifstream in(args.positional[1], std::ios::binary);
    if (!in) {
        std::cerr << "commune-hub: cannot read " << args.positional[1] << "\n";
        return 1;
    }
    auto store = openStore(args);
    const std::int64_t now = nowUnix();
    const std::string latest = kiosk::addDays(kiosk::localDay(now), 1);
    std::string line;
    int lineNumber = 0, uploads = 0, days = 0, older = 0, failed = 0;
    while (std::getline(in, line)) {
        ++lineNumber;
        if (!line.empty() && line.back() == '\r') line.pop_back();
        if (line.find_first_not_of(" \t") == std::string::npos) continue;
        auto upload = kiosk::upload::parseUpload(line, latest);
        if (upload) {
            if (auto clean = commune::cleanUpload(*upload); !clean) upload = std::unexpected(clean.error());
        }
        if (!upload) {
            std::cerr << fmt::format("{}:{}: {}\n", args.positional[1], lineNumber, upload.error().message);
            ++failed;
            continue;
        }
        if (!store->kioskExists(upload->kioskId)) {
            std::cerr << fmt::format("{}:{}: kiosk_id: {} is not registered (commune-hub kiosk add)\n",
                                     args.positional[1], lineNumber, upload->kioskId);
            ++failed;
            continue;
        }
        // Ordered by the export's own time, not by now: an old file must not overwrite what the network
        // delivered since (nor make the kiosk look recently seen).
        const commune::StoredUpload stored =
            store->replaceRollups(*upload, commune::importedTiming(*upload, now));
        ++uploads;
        days += static_cast<int>(stored.storedDays);
        older += static_cast<int>(stored.olderDays);
    }
    std::cout << fmt::format("imported {} upload(s), {} day(s); {} line(s) refused", uploads, days, failed);
    if (older > 0) std::cout << fmt::format("; {} day(s) older than the hub's copy, kept the hub's", older);
    std::cout << "\n";
    return failed == 0 ? 0 : 1;
}

int report(const Args& args) {
    std::string periodText;
    if (args.options.contains("month"))
        periodText = args.options.at("month");
    else if (args.options.contains("quarter"))
        periodText = args.options.at("quarter");
    else
        return usageError("report needs --month YYYY-MM or --quarter YYYY-QN");
    auto period = commune::parsePeriod(periodText);
    if (!period) return usageError(period.error().message);
    const std::string format = args.options.contains("format") ? args.options.at("format") : "text";
    if (format != "text" && format != "csv" && format != "xlsx")
        return usageError("--format text, csv or xlsx");
    auto store = openStore(args);
    const commune::Report built =
        commune::buildReport(*store, *period, nowUnix(), optionText(args, "commune"));
    std::cout << (format == "csv"    ? commune::renderCsv(built)
                  : format == "xlsx" ? commune::renderXlsx(built)
                                     : commune::renderText(built));
    return 0;
}

int staffAdd(const Args& args) {
    if (args.positional.size() != 3) return usageError("staff add USER");
    std::string password;
    std::getline(std::cin, password);
    if (!password.empty() && password.back() == '\r') password.pop_back();
    if (const std::string problem = commune::auth::passwordProblem(password); !problem.empty()) {
        std::cerr << "commune-hub: the password (first line of stdin) " << problem << "\n";
        return 1;
    }
    auto store = openStore(args);
    store->setStaffPassword(args.positional[2], commune::auth::hashPassword(password));
    std::cout << "staff account " << args.positional[2] << " saved\n";
    return 0;
}

int populationSet(const Args& args) {
    if (args.positional.size() != 2) return usageError("population set takes options only");
    for (const char* required : {"village", "adults", "as-of"})
        if (!args.options.contains(required))
            return usageError(fmt::format("population set needs --{}", required));
    auto store = openStore(args);
    const commune::PopulationInput input{optionText(args, "village"), optionText(args, "adults"),
                                         optionText(args, "smartphone"), optionText(args, "vneid"),
                                         optionText(args, "as-of")};
    const auto figures =
        commune::checkPopulation(input, commune::registeredVillages(*store), kiosk::localDay(nowUnix()));
    if (!figures) {
        std::cerr << "commune-hub: population set: --" << figures.error().message << "\n";
        return 2;
    }
    store->setPopulation(*figures);
    std::cout << fmt::format("{}: {} adults on {} saved\n", figures->village, figures->adults, figures->asOf);
    return 0;
}

int populationList(const Args& args) {
    auto store = openStore(args);
    const auto known = [](const std::optional<std::int64_t>& n) { return n ? std::to_string(*n) : "-"; };
    std::cout << "village\tas_of\tadults\tsmartphone\tvneid\n";
    for (const commune::PopulationFigures& p : store->populationHistory())
        std::cout << fmt::format("{}\t{}\t{}\t{}\t{}\n", p.village, p.asOf, p.adults, known(p.smartphone),
                                 known(p.vneid));
    return 0;
}

} // namespace

int main(int argc, char** argv) {
    // hub.sqlite holds token and password hashes: nothing the hub creates is for other users to read.
    umask(027);
    if (sodium_init() < 0) {
        std::cerr << "commune-hub: libsodium cannot start\n";
        return 1;
    }
    const auto args = parseArgs(argc, argv);
    if (!args || args->positional.empty()) return usageError("missing command or option value");
    const auto& p = args->positional;
    try {
        if (p[0] == "serve") return serve(*args);
        if (p[0] == "kiosk" && p.size() >= 2 && p[1] == "add") return kioskAdd(*args);
        if (p[0] == "kiosk" && p.size() >= 2 && p[1] == "set-village") return kioskSetVillage(*args);
        if (p[0] == "import") return import(*args);
        if (p[0] == "report") return report(*args);
        if (p[0] == "staff" && p.size() >= 2 && p[1] == "add") return staffAdd(*args);
        if (p[0] == "population" && p.size() >= 2 && p[1] == "set") return populationSet(*args);
        if (p[0] == "population" && p.size() >= 2 && p[1] == "list") return populationList(*args);
        if (p[0] == "content") return commune::contentCommand(p, args->options);
        return usageError("unknown command " + p[0]);
    } catch (const std::exception& e) {
        std::cerr << "commune-hub: " << e.what() << "\n";
        return 1;
    }
}
