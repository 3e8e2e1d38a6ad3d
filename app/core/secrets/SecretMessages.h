#pragma once

// The operator-readable texts of secret-store results, shared by the keychain store and the
// in-memory test fake so that both say the same thing.

#include <QString>

namespace pbxvault::secretmessages {

QString unavailable(const QString &reason);
QString locked();
QString notFound();
QString denied(const QString &detail);
QString other(const QString &detail);

} // namespace pbxvault::secretmessages
