// The direct JSON writer for backup lists must print exactly what the QJsonObject form does,
// whatever a PBX or a user put in the strings.
#include "cli/JsonFormat.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

#include <cstdio>

using namespace pbxvault;

namespace {

BackupRecord tricky(qint64 id)
{
    BackupRecord b;
    b.id = id;
    b.pbxId = 3;
    b.pbxName = QStringLiteral("Sede \"Milano\" \\ ufficio");
    b.filename = QString::fromUtf8("bad\nname\t\x01\x1f-città-😀.bak");
    b.size = 1234567890123;
    b.sha256 = QStringLiteral("ab").repeated(32);
    b.createdAt = QDateTime(QDate(1969, 12, 31), QTime(23, 59, 58), Qt::UTC);
    b.masterIp = QStringLiteral("2001:db8::1");
    b.tenant = QStringLiteral("acme");
    b.path = QStringLiteral("/data/backups/x/</script>");
    b.comment = QString::fromUtf8("résumé \u2028 line");
    b.origin = BackupOrigin::Safety;
    b.verified = VerifyState::Corrupt;
    b.changes = id % 3 == 0 ? -1 : int(id % 3) - 1; // unknown, 0 and more
    b.changesBaseId = id % 3 == 0 ? 0 : id + 1000;
    return b;
}

QByteArray written(const QVector<BackupRecord> &backups, bool direct)
{
    std::FILE *out = std::tmpfile();
    if (!out)
        return {};
    {
        JsonArrayWriter writer(out);
        for (const BackupRecord &b : backups) {
            if (direct)
                writer.add(b);
            else
                writer.add(toJson(b));
        }
    }
    std::rewind(out);
    QByteArray text;
    char chunk[65536];
    size_t n;
    while ((n = std::fread(chunk, 1, sizeof chunk, out)) > 0)
        text.append(chunk, qsizetype(n));
    std::fclose(out);
    return text;
}

} // namespace

class TestJsonFormat : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void directWriterMatchesQJsonObject()
    {
        BackupRecord plain;
        plain.id = 7;
        plain.pbxName = QStringLiteral("pbx");
        plain.filename = QStringLiteral("pbx_20261128-101500_4.9.4.bak");
        plain.createdAt = QDateTime(QDate(2026, 11, 28), QTime(10, 15), Qt::UTC);
        const QVector<BackupRecord> backups{tricky(1), plain, tricky(2)};
        const QByteArray direct = written(backups, true);
        const QByteArray viaQt = written(backups, false);
        QCOMPARE(direct, viaQt);
        QJsonParseError error;
        const QJsonDocument doc = QJsonDocument::fromJson(direct, &error);
        QVERIFY2(error.error == QJsonParseError::NoError, qPrintable(error.errorString()));
        QCOMPARE(doc.array().size(), 3);
        const QJsonObject first = doc.array().at(0).toObject();
        QCOMPARE(first.value(QStringLiteral("filename")).toString(), tricky(1).filename);
        QCOMPARE(first.value(QStringLiteral("created_at")).toString(),
                 QStringLiteral("1969-12-31T23:59:58Z"));
        QCOMPARE(first.value(QStringLiteral("size")).toDouble(), 1234567890123.0);
        QVERIFY(doc.array().at(1).toObject().value(QStringLiteral("comment")).isNull());
        // Changes since the previous backup: a count, or null when not known.
        QVERIFY(doc.array().at(1).toObject().value(QStringLiteral("changes")).isNull());
        QVERIFY(doc.array().at(1).toObject().value(QStringLiteral("changes_base_id")).isNull());
        QCOMPARE(first.value(QStringLiteral("changes")).toInt(-1), 0);
        QCOMPARE(first.value(QStringLiteral("changes_base_id")).toInt(), 1001);
        const QJsonObject third = doc.array().at(2).toObject();
        QCOMPARE(third.value(QStringLiteral("changes")).toInt(), 1);
    }

    void emptyListIsAnEmptyArray()
    {
        const QByteArray out = written({}, true);
        QCOMPARE(out, QByteArray("[]\n"));
    }

    void longListIsFlushedInPieces()
    {
        QVector<BackupRecord> many;
        for (int i = 1; i <= 20000; ++i) // about 8 MiB: several flushes
            many.append(tricky(i));
        const QJsonDocument doc = QJsonDocument::fromJson(written(many, true));
        QCOMPARE(doc.array().size(), 20000);
        QCOMPARE(doc.array().last().toObject().value(QStringLiteral("id")).toInt(), 20000);
    }
};

QTEST_GUILESS_MAIN(TestJsonFormat)
#include "tst_json_format.moc"
