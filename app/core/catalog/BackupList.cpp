#include "BackupList.h"

#include <algorithm>

namespace pbxvault {
namespace {

// Appends UTF-8 to out; returns the number of UTF-16 code units appended. File names and IP
// addresses are nearly always ASCII: those are widened in place, without a temporary string.
qsizetype appendUtf8To(QString &out, QByteArrayView utf8)
{
    const char *in = utf8.data();
    const qsizetype n = utf8.size();
    bool ascii = true;
    for (qsizetype i = 0; i < n && ascii; ++i)
        ascii = (static_cast<unsigned char>(in[i]) & 0x80) == 0;
    if (!ascii) {
        const QString decoded = QString::fromUtf8(utf8);
        out.append(decoded);
        return decoded.size();
    }
    const qsizetype start = out.size();
    out.resize(start + n);
    char16_t *to = reinterpret_cast<char16_t *>(out.data()) + start;
    for (qsizetype i = 0; i < n; ++i)
        to[i] = char16_t(static_cast<unsigned char>(in[i]));
    return n;
}

bool newer(const BackupList::Row &a, const BackupList::Row &b)
{
    return a.createdMs != b.createdMs ? a.createdMs > b.createdMs : a.id > b.id;
}

} // namespace

void BackupList::reserve(qsizetype rows, qsizetype textChars)
{
    m_rows.reserve(rows);
    m_text.reserve(textChars);
}

BackupList::Row &BackupList::appendRow(qint64 id, qint64 pbxId, qint64 size, qint64 createdMs)
{
    Row row;
    row.id = id;
    row.pbxId = pbxId;
    row.size = size;
    row.createdMs = createdMs;
    row.textStart = m_text.size();
    m_rows.append(row);
    return m_rows.last();
}

void BackupList::append(qint64 id, qint64 pbxId, qint64 size, qint64 createdMs,
                        QStringView fileName, QStringView masterIp)
{
    Row &row = appendRow(id, pbxId, size, createdMs);
    row.fileNameLength = int(fileName.size());
    row.masterIpLength = int(masterIp.size());
    m_text.append(fileName);
    m_text.append(u'\n');
    m_text.append(masterIp);
    m_text.append(u'\n');
}

void BackupList::appendUtf8(qint64 id, qint64 pbxId, qint64 size, qint64 createdMs,
                            QByteArrayView fileName, QByteArrayView masterIp)
{
    Row &row = appendRow(id, pbxId, size, createdMs);
    row.fileNameLength = int(appendUtf8To(m_text, fileName));
    m_text.append(u'\n');
    row.masterIpLength = int(appendUtf8To(m_text, masterIp));
    m_text.append(u'\n');
}

void BackupList::sortNewestFirst()
{
    if (std::is_sorted(m_rows.cbegin(), m_rows.cend(), newer))
        return;
    // Rows come out of the table in insertion order, which is mostly oldest first.
    if (std::is_sorted(m_rows.crbegin(), m_rows.crend(), newer)) {
        std::reverse(m_rows.begin(), m_rows.end());
        return;
    }
    std::sort(m_rows.begin(), m_rows.end(), newer);
}

} // namespace pbxvault
