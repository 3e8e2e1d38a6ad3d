#pragma once

#include "secrets/SecretStore.h"

#include <QElapsedTimer>
#include <QObject>
#include <QTest>

#include <functional>
#include <optional>

namespace pbxvault::test {

struct Waited
{
    bool synchronous = false; // the callback ran inside the call: never allowed
    bool arrived = false;
    int calls = 0;
    qint64 elapsedMs = 0;
    SecretResult result;
};

// Makes one SecretStore call with a live context and waits (event loop running) for its
// callback.
inline Waited waitFor(const std::function<void(QObject *context, SecretCallback done)> &call,
                      int timeoutMs = 20000)
{
    QObject context;
    Waited waited;
    std::optional<SecretResult> result;
    QElapsedTimer timer;
    timer.start();
    call(&context, [&](const SecretResult &r) {
        result = r;
        ++waited.calls;
    });
    waited.synchronous = result.has_value();
    waited.arrived = QTest::qWaitFor([&] { return result.has_value(); }, timeoutMs);
    waited.elapsedMs = timer.elapsed();
    if (result)
        waited.result = *result;
    return waited;
}

inline const char *errorName(SecretError e)
{
    switch (e) {
    case SecretError::None:
        return "None";
    case SecretError::NotFound:
        return "NotFound";
    case SecretError::Unavailable:
        return "Unavailable";
    case SecretError::Denied:
        return "Denied";
    case SecretError::Other:
        return "Other";
    }
    return "?";
}

} // namespace pbxvault::test

// A readable description of a result for failure messages (the secret is left out).
#define SECRET_RESULT(w)                                                                           \
    qPrintable(QStringLiteral("%1: %2").arg(                                                       \
        QLatin1String(pbxvault::test::errorName((w).result.error)), (w).result.message))
