#include "GzipCheck.h"

#include <QByteArray>
#include <QCoreApplication>

#include <zlib.h>

namespace pbxvault {

struct GzipCheck::Private
{
    z_stream stream = {};
    bool initialised = false;
    bool ended = false;    // between members
    bool trailing = false; // non-gzip bytes after the last member: ignored, as gzip does
    QString failure;
    QByteArray out = QByteArray(64 * 1024, Qt::Uninitialized);
};

GzipCheck::GzipCheck() : d(std::make_unique<Private>())
{
    // 16 + MAX_WBITS: gzip wrapper, checks CRC-32 and ISIZE at the end of each member.
    d->initialised = inflateInit2(&d->stream, 16 + MAX_WBITS) == Z_OK;
    if (!d->initialised)
        d->failure = QStringLiteral("zlib initialisation failed");
}

GzipCheck::~GzipCheck()
{
    if (d->initialised)
        inflateEnd(&d->stream);
}

bool GzipCheck::looksLikeGzip(const char *data, qint64 size)
{
    return size >= 2 && quint8(data[0]) == 0x1f && quint8(data[1]) == 0x8b;
}

void GzipCheck::feed(const char *data, qint64 size)
{
    if (!d->failure.isEmpty() || d->trailing)
        return;
    z_stream &z = d->stream;
    z.next_in = reinterpret_cast<Bytef *>(const_cast<char *>(data));
    z.avail_in = uInt(size);
    while (z.avail_in > 0) {
        if (d->ended) {
            if (*z.next_in != 0x1f) {
                d->trailing = true;
                return;
            }
            inflateReset(&z);
            d->ended = false;
        }
        z.next_out = reinterpret_cast<Bytef *>(d->out.data());
        z.avail_out = uInt(d->out.size());
        const int rc = inflate(&z, Z_NO_FLUSH);
        if (rc == Z_STREAM_END) {
            d->ended = true;
        } else if (rc != Z_OK && !(rc == Z_BUF_ERROR && z.avail_in == 0)) {
            d->failure = QString::fromLatin1(z.msg ? z.msg : "inflate error");
            return;
        }
    }
}

bool GzipCheck::finish(QString *error) const
{
    if (!d->failure.isEmpty()) {
        *error = QCoreApplication::translate("BackupStore", "the compressed data is corrupt (%1)")
                     .arg(d->failure);
        return false;
    }
    if (!d->ended && !d->trailing) {
        *error = QCoreApplication::translate("BackupStore", "the compressed data is truncated");
        return false;
    }
    return true;
}

} // namespace pbxvault
