#pragma once

// The vault key as text an operator can print, keep and type on another machine:
//
//   7K3M-Q0ZD-...-R2XA   (14 groups of 4 characters, 56 in all)
//
// The 32 key bytes and a 3-byte checksum (BLAKE2b of the key) in base32 with Crockford's
// alphabet "0123456789ABCDEFGHJKMNPQRSTVWXYZ": no I, L, O or U. Reading is case-insensitive,
// ignores dashes and white space, and takes O as 0 and I or L as 1, as Crockford does. A key
// with a typo is refused (a random change passes the checksum once in 16 million, and even
// then the files' key id refuses it); when a single changed or swapped character explains the
// typo, the error names it.

#include "VaultKey.h"

#include <QCoreApplication>
#include <QString>

namespace pbxvault {

class RecoveryKey
{
    Q_DECLARE_TR_FUNCTIONS(RecoveryKey)

public:
    static constexpr int kCharacters = 56;
    static constexpr int kGroupSize = 4;

    // Null text for a null key.
    static QString format(const VaultKey &key);

    // The key, or a null key and *error says what is wrong (in the operator's words).
    static VaultKey parse(const QString &text, QString *error = nullptr);
};

} // namespace pbxvault
