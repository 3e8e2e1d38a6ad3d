#pragma once

#include <QByteArrayView>
#include <QString>
#include <QStringList>

namespace pbxvault {

// Reads the answer of GET /rest/backup, a JSON array of strings, straight from the received
// bytes: no document tree and no copy of the buffer, and it stops at the first name over the
// limits, so a hostile list costs at most the limits in memory.
class NameListParser
{
public:
    enum class Result
    {
        Ok,
        NotAList,     // not a JSON array of strings
        TooManyNames, // more than maxNames entries
        NameTooLong   // an entry longer than maxNameLength UTF-16 units
    };

    NameListParser(int maxNames, int maxNameLength)
        : m_maxNames(maxNames), m_maxNameLength(maxNameLength)
    {}

    // Names exactly as sent (untrusted: may hold "/", "..", NUL, newlines, duplicates).
    Result parse(QByteArrayView json, QStringList *names) const;

private:
    Result parseString(QByteArrayView json, qsizetype *pos, QString *out) const;

    int m_maxNames;
    int m_maxNameLength;
};

} // namespace pbxvault
