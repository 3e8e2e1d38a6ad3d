#pragma once

// libarchive's gzip reader does not check the CRC-32 at the end of a gzip member, so damage
// inside incompressible (stored) data would pass a test read. This inflates the raw bytes a
// second time with zlib, which does check it.

#include <QString>

#include <memory>

namespace pbxvault {

class GzipCheck
{
public:
    GzipCheck();
    ~GzipCheck();
    GzipCheck(const GzipCheck &) = delete;
    GzipCheck &operator=(const GzipCheck &) = delete;

    static bool looksLikeGzip(const char *data, qint64 size);
    // The file's raw bytes, in order, from the start.
    void feed(const char *data, qint64 size);
    // True when every gzip member ended with matching CRC and length.
    bool finish(QString *error) const;

private:
    struct Private;
    std::unique_ptr<Private> d;
};

} // namespace pbxvault
