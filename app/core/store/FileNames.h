#pragma once

// File-name rules of the store: turning untrusted text into one safe path component,
// numbering names that are taken, and naming temp files so they can be found again.

#include <QString>

namespace pbxvault::filenames {

constexpr int kMaxNameBytes = 150; // UTF-8; well below every file system's limit of 255

// One safe path component, never empty: fallback when nothing usable is left.
QString sanitize(const QString &untrusted, const QString &fallback);

// "x.tar.gz" -> {"x", ".tar.gz"}, "x.bak" -> {"x", ".bak"}, "x" -> {"x", ""}.
struct SplitName
{
    QString stem;
    QString extension; // with the dot
};
SplitName split(const QString &name);

// n == 0: name; otherwise "stem-n.ext".
QString numbered(const QString &name, int n);

// ".<name>.pbxvault-part-XXXXXX" with random letters and digits.
QString tempName(const QString &name);
bool isTempName(const QString &fileName);

} // namespace pbxvault::filenames
