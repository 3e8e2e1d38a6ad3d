#pragma once

// Shared by the harnesses: a check that aborts (libFuzzer saves the input as a crash) and
// quiet logging, so that a run prints libFuzzer's status and nothing per input.

#include <QLoggingCategory>
#include <QString>

#include <cstdio>
#include <cstdlib>

#define FUZZ_CHECK(condition, detail)                                                              \
    do {                                                                                           \
        if (!(condition)) {                                                                        \
            std::fprintf(stderr, "FUZZ_CHECK failed at %s:%d: %s\n  %s\n", __FILE__, __LINE__,     \
                         #condition, qUtf8Printable(QString(detail)));                             \
            std::abort();                                                                          \
        }                                                                                          \
    } while (false)

namespace pbxvault::fuzz {

inline void quietLogging()
{
    QLoggingCategory::setFilterRules(QStringLiteral("*.debug=false\n*.info=false\n"
                                                    "*.warning=false"));
}

} // namespace pbxvault::fuzz
