#pragma once

#include <QByteArrayView>
#include <QHash>
#include <QString>
#include <QStringView>
#include <QVector>

#include "common/Records.h"

#include <limits>

namespace pbxvault {

// The backups as the Backups list shows them (Catalog::backupList()): per row the numbers the
// table sorts by, and the text of all rows in one buffer. Reading 100,000 BackupRecords takes
// hundreds of milliseconds, mostly spent allocating a dozen strings per row; a BackupList
// allocates nothing per row.
class BackupList
{
public:
    // createdMs of a row whose time is missing or unreadable.
    static constexpr qint64 kNoTime = std::numeric_limits<qint64>::min();

    struct Row
    {
        qint64 id = 0;
        qint64 pbxId = 0;
        qint64 size = 0;
        qint64 createdMs = kNoTime; // UTC, milliseconds since the epoch
        // Where the row's text starts in text(): the file name, '\n', the master IP, '\n'.
        qsizetype textStart = 0;
        int fileNameLength = 0;
        int masterIpLength = 0;
        VerifyState verified = VerifyState::Unverified;
        int changes = -1;         // members changed since changesBaseId, -1 when not known
        qint64 changesBaseId = 0; // 0 when never compared
    };

    void reserve(qsizetype rows, qsizetype textChars);
    void append(qint64 id, qint64 pbxId, qint64 size, qint64 createdMs, QStringView fileName,
                QStringView masterIp);
    // The same from UTF-8 (what SQLite hands out), decoded straight into text().
    void appendUtf8(qint64 id, qint64 pbxId, qint64 size, qint64 createdMs, QByteArrayView fileName,
                    QByteArrayView masterIp);
    // The verification state of the row appended last.
    void setLastVerified(VerifyState state)
    {
        if (!m_rows.isEmpty())
            m_rows.last().verified = state;
    }
    // The count of changes of the row appended last (BackupRecord::changes).
    void setLastChanges(int changes, qint64 baseId)
    {
        if (!m_rows.isEmpty()) {
            m_rows.last().changes = changes;
            m_rows.last().changesBaseId = baseId;
        }
    }
    // Newest first: by createdMs, then id, descending. Rows already in that order, or in the
    // opposite one, cost a single pass.
    void sortNewestFirst();

    const QVector<Row> &rows() const { return m_rows; }
    qsizetype size() const { return m_rows.size(); }
    bool isEmpty() const { return m_rows.isEmpty(); }
    const Row &at(qsizetype i) const { return m_rows.at(i); }
    // Every row's file name and master IP, each followed by '\n' (which neither contains).
    const QString &text() const { return m_text; }
    QStringView fileName(const Row &row) const
    {
        return QStringView(m_text).mid(row.textStart, row.fileNameLength);
    }
    QStringView masterIp(const Row &row) const
    {
        return QStringView(m_text).mid(row.textStart + row.fileNameLength + 1, row.masterIpLength);
    }
    // The file name, '\n' and the master IP: what a text filter searches.
    QStringView searchText(const Row &row) const
    {
        return QStringView(m_text).mid(row.textStart, row.fileNameLength + 1 + row.masterIpLength);
    }

    // The names of the PBXs, by id (every PBX of the catalog, not only those with backups).
    const QHash<qint64, QString> &pbxNames() const { return m_pbxNames; }
    QString pbxName(qint64 pbxId) const { return m_pbxNames.value(pbxId); }
    void setPbxNames(QHash<qint64, QString> names) { m_pbxNames = std::move(names); }

private:
    Row &appendRow(qint64 id, qint64 pbxId, qint64 size, qint64 createdMs);

    QVector<Row> m_rows;
    QString m_text;
    QHash<qint64, QString> m_pbxNames;
};

} // namespace pbxvault
