#pragma once

// Incremental SHA-256. Uses OpenSSL's libcrypto when the build found it (SHA-NI/AVX2 code,
// about ten times QCryptographicHash's speed, which matters when hashing a download as fast
// as the network delivers it), QCryptographicHash otherwise.

#include <QByteArrayView>
#include <QString>

#include <memory>

namespace pbxvault {

class Sha256
{
public:
    Sha256();
    ~Sha256();
    Sha256(const Sha256 &) = delete;
    Sha256 &operator=(const Sha256 &) = delete;

    void addData(QByteArrayView data);
    // Lowercase hex of everything added so far; more data may be added afterwards.
    QString hex() const;

private:
    struct Private;
    std::unique_ptr<Private> d;
};

} // namespace pbxvault
