// ErrorMessage: errors as code + arguments, worded at read time in the language of the
// translators installed then, with the app's real Italian catalogue.
#include "ItalianTranslator.h"
#include "common/ErrorMessage.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace pbxvault;
using namespace pbxvault::test;

class TestErrorMessage : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void everyCodeRenders()
    {
        const QStringList codes = ErrorMessage::knownCodes();
        QVERIFY(codes.size() > 60);
        QCOMPARE(QSet<QString>(codes.begin(), codes.end()).size(), codes.size()); // unique
        for (const QString &code : codes) {
            ErrorMessage m(code);
            m.arg(QStringLiteral("A1")).arg(QStringLiteral("A2")).arg(QStringLiteral("A3"));
            m.arg(QStringLiteral("A4")).arg(QStringLiteral("A5")).plural(2);
            const QString text = m.text();
            QVERIFY2(!text.isEmpty(), qPrintable(code));
            // Every placeholder was substituted.
            QVERIFY2(!text.contains(QLatin1Char('%')),
                     qPrintable(code + QStringLiteral(": ") + text));
        }
    }

    void argumentsAreSubstitutedInOnePass()
    {
        const ErrorMessage m = ErrorMessage("pbx.action.download")
                                   .arg(QStringLiteral("x%2y"))
                                   .arg(QStringLiteral("pbx"));
        QCOMPARE(m.text(), QStringLiteral("download backup x%2y from pbx"));
        // Text that begins with "@" is text, not a nested message.
        QCOMPARE(ErrorMessage("pbx.action.list").arg(QStringLiteral("@home")).text(),
                 QStringLiteral("list the backups on @home"));
    }

    void clausesCompleteTheirFrame()
    {
        const ErrorMessage auth =
            ErrorMessage("pbx.auth")
                .arg(ErrorMessage("pbx.action.create").arg(QStringLiteral("pbx.lan")));
        QCOMPARE(auth.text(),
                 QStringLiteral("Could not create a backup on pbx.lan: the PBX refused "
                                "the login: wrong user name, password or tenant."));
        QCOMPARE(ErrorMessage("pbx.config.user_long").arg(256).clauseText(),
                 QStringLiteral("the user name is longer than 256 characters"));
        QCOMPARE(ErrorMessage("pbx.clock_ahead").arg(QString()).plural(7).text(),
                 QStringLiteral("Could not : the PBX refused the login because its clock is 7 "
                                "minute(s) ahead of this computer's clock; correct the date and "
                                "time on the PBX or on this computer."));
    }

    void nestedMessagesRender()
    {
        const ErrorMessage inner =
            ErrorMessage("pbx.server_error")
                .arg(ErrorMessage("pbx.action.list").arg(QStringLiteral("h")))
                .arg(500)
                .arg(ErrorMessage("pbx.says").arg(QStringLiteral("boom")));
        const ErrorMessage outer =
            ErrorMessage("restore.safety_failed").arg(QStringLiteral("Main")).arg(inner);
        QCOMPARE(outer.text(),
                 QStringLiteral("The safety backup of Main failed, so the restore did not start: "
                                "Could not list the backups on h: the PBX reported an internal "
                                "error (HTTP 500) (the PBX says: boom)."));
        QVERIFY(outer.mentions(QStringLiteral("pbx.server_error")));
        QVERIFY(outer.mentions(QStringLiteral("pbx.says")));
        QVERIFY(!outer.mentions(QStringLiteral("pbx.auth")));
        // A null nested message is an empty argument.
        QCOMPARE(ErrorMessage("pbx.rejected").arg(QString()).arg(400).arg(ErrorMessage()).text(),
                 QStringLiteral("Could not : the PBX rejected the request (HTTP 400)."));
    }

    void jsonRoundTrip()
    {
        const ErrorMessage m = ErrorMessage("backup.unreadable")
                                   .arg(QStringLiteral("Main"))
                                   .arg(ErrorMessage("backup.bytes").plural(3));
        const QString json = m.toJson();
        QVERIFY(!json.contains(QLatin1Char('\n')));
        const QJsonObject o = QJsonDocument::fromJson(json.toUtf8()).object();
        QCOMPARE(o.value(QStringLiteral("code")).toString(), QStringLiteral("backup.unreadable"));
        QCOMPARE(ErrorMessage::fromJson(json), m);
        QCOMPARE(ErrorMessage::fromJson(json).text(),
                 QStringLiteral("Main answered with something that is not a backup PBX Vault can "
                                "read (3 byte(s)), so nothing was stored."));
        QVERIFY(ErrorMessage().toJson().isEmpty());
        QVERIFY(ErrorMessage::fromJson(QString()).isNull());
        QVERIFY(ErrorMessage::fromJson(QStringLiteral("not json")).isNull());
    }

    void unknownCodeFallsBackOnTheStoredText()
    {
        const QString newer = QStringLiteral(R"({"code":"pbx.from_the_future","args":["x"]})");
        QVERIFY(ErrorMessage::fromJson(newer).text().isEmpty());
        QCOMPARE(ErrorMessage::render(newer, QStringLiteral("stored text")),
                 QStringLiteral("stored text"));
        QCOMPARE(ErrorMessage::render(QVariant(), QStringLiteral("old row")),
                 QStringLiteral("old row"));
        QCOMPARE(ErrorMessage::render(QStringLiteral("garbage"), QStringLiteral("text")),
                 QStringLiteral("text"));
        QCOMPARE(
            ErrorMessage::render(ErrorMessage("job.interrupted").toJson(), QStringLiteral("x")),
            QStringLiteral("PBX Vault stopped before this finished."));
    }

    // The same stored code reads in Italian once an Italian translator is installed: the
    // wording happens when the message is read, not when it was written.
    void rendersInTheLanguageInstalledAtReadTime()
    {
        const ErrorMessage auth =
            ErrorMessage("pbx.auth")
                .arg(ErrorMessage("pbx.action.create").arg(QStringLiteral("pbx.lan")));
        const QString stored = auth.toJson(); // written by an "English" process
        const QString english = auth.text();
        {
            ItalianTranslator italian;
            QVERIFY(italian.loaded());
            QCOMPARE(ErrorMessage::render(stored, english),
                     QStringLiteral("Impossibile creare un backup su pbx.lan: la centrale ha "
                                    "rifiutato l'accesso: nome utente, password o tenant errati."));
            QCOMPARE(ErrorMessage("backup.bytes").plural(1).text(), QStringLiteral("1 byte"));
            const ErrorMessage nested =
                ErrorMessage("restore.safety_failed").arg(QStringLiteral("Main")).arg(auth);
            QCOMPARE(nested.text(),
                     QStringLiteral("Il backup di sicurezza di Main non è riuscito, quindi il "
                                    "ripristino non è partito: Impossibile creare un backup su "
                                    "pbx.lan: la centrale ha rifiutato l'accesso: nome utente, "
                                    "password o tenant errati."));
            // Every code has its Italian wording already (the codes reuse translated texts).
            for (const QString &code : ErrorMessage::knownCodes()) {
                if (code == QLatin1String("pbx.other") || code == QLatin1String("text") ||
                    code == QLatin1String("sentences"))
                    continue; // text kept as it was written
                ErrorMessage m(code);
                m.arg(QStringLiteral("1")).arg(QStringLiteral("2")).arg(QStringLiteral("3"));
                m.arg(QStringLiteral("4")).arg(QStringLiteral("5")).plural(2);
                const QString italianText = m.text();
                QVERIFY(!italianText.isEmpty());
                m_italian.insert(code, italianText);
            }
        }
        QCOMPARE(ErrorMessage::render(stored, QString()), english);
        for (auto it = m_italian.cbegin(); it != m_italian.cend(); ++it) {
            ErrorMessage m(it.key());
            m.arg(QStringLiteral("1")).arg(QStringLiteral("2")).arg(QStringLiteral("3"));
            m.arg(QStringLiteral("4")).arg(QStringLiteral("5")).plural(2);
            QVERIFY2(m.text() != it.value(),
                     qPrintable(it.key() + QStringLiteral(" has no Italian")));
        }
    }

private:
    QHash<QString, QString> m_italian;
};

QTEST_GUILESS_MAIN(TestErrorMessage)
#include "tst_error_message.moc"
