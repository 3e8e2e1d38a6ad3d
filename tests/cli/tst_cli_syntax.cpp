// The command-line grammar comes from one option table and one command table: they must agree
// with each other, and validation, synopses and exit codes follow from them.
#include "cli/CliSyntax.h"
#include "cli/ExitCodes.h"

#include <QCommandLineParser>
#include <QSet>
#include <QTest>

using namespace pbxvault;

namespace {

// Parses argv as pbxvault would, then resolves and checks it; returns the usage problem.
QString problemWith(const QStringList &argv, QString *key = nullptr)
{
    QCommandLineParser parser;
    CliSyntax::addOptions(parser);
    parser.addPositionalArgument(QStringLiteral("command"), QString());
    if (!parser.parse(QStringList{QStringLiteral("pbxvault")} + argv))
        return parser.errorText();
    QString problem;
    const CliCommandSpec *spec = CliSyntax::resolve(parser.positionalArguments(),
                                                    parser.isSet(QStringLiteral("all")), &problem);
    if (!spec)
        return problem;
    if (key)
        *key = spec->key;
    return CliSyntax::check(*spec, parser);
}

} // namespace

class TestCliSyntax : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void tablesAgree()
    {
        QSet<QString> keys;
        for (const CliCommandSpec &c : CliSyntax::commands()) {
            QVERIFY2(!keys.contains(c.key), qPrintable(c.key));
            keys.insert(c.key);
            QVERIFY(c.create);
            QVERIFY(c.summary);
        }
        QSet<QString> names;
        for (const CliOptionSpec &o : CliSyntax::options()) {
            QVERIFY2(!names.contains(o.name), qPrintable(o.name));
            names.insert(o.name);
            for (const QString &k : o.commands + o.requiredBy)
                QVERIFY2(keys.contains(k), qPrintable(o.name + QStringLiteral(" → ") + k));
            for (const QString &k : o.requiredBy)
                QVERIFY2(o.appliesTo(k), qPrintable(o.name));
        }
    }

    void resolvesAndChecks()
    {
        QString key;
        QCOMPARE(problemWith({QStringLiteral("backup"), QStringLiteral("--all")}, &key), QString());
        QCOMPARE(key, QStringLiteral("backup --all"));
        QCOMPARE(problemWith({QStringLiteral("backup"), QStringLiteral("office")}, &key),
                 QString());
        QCOMPARE(key, QStringLiteral("backup"));
        QVERIFY(problemWith({QStringLiteral("backup"), QStringLiteral("office"),
                             QStringLiteral("--jobs"), QStringLiteral("2")})
                    .contains(QStringLiteral("--jobs does not apply")));
        QVERIFY(problemWith({QStringLiteral("backups"), QStringLiteral("--all")})
                    .contains(QStringLiteral("--all does not apply")));
        QCOMPARE(problemWith({QStringLiteral("restore"), QStringLiteral("3")}),
                 QStringLiteral("restore needs --to NAME."));
        QVERIFY(problemWith({QStringLiteral("show")}).startsWith(QStringLiteral("Usage:")));
        QVERIFY(problemWith({QStringLiteral("pbx"), QStringLiteral("frob")})
                    .contains(QStringLiteral("use add, edit, list")));
        QVERIFY(problemWith({QStringLiteral("frob")}).contains(QStringLiteral("Unknown command")));
        QCOMPARE(problemWith({QStringLiteral("--json"), QStringLiteral("--timeout"),
                              QStringLiteral("5"), QStringLiteral("jobs")}),
                 QString());
    }

    void synopsisComesFromTheTables()
    {
        for (const CliCommandSpec &c : CliSyntax::commands()) {
            if (c.key == QLatin1String("restore"))
                QCOMPARE(CliSyntax::synopsis(c),
                         QStringLiteral("restore ID --to NAME [--no-safety-backup] [--force]"));
            if (c.key == QLatin1String("import"))
                QCOMPARE(CliSyntax::synopsis(c),
                         QStringLiteral("import FILE --pbx NAME [--unverified]"));
        }
        QVERIFY(CliSyntax::takesValue(QStringLiteral("--url")));
        QVERIFY(!CliSyntax::takesValue(QStringLiteral("--json")));
    }

    void exitCodesAreDistinct()
    {
        const QList<JobError> errors{JobError::None,     JobError::Failed,   JobError::Usage,
                                     JobError::NotFound, JobError::Disabled, JobError::Locked,
                                     JobError::Keychain, JobError::Pbx,      JobError::Disk,
                                     JobError::Catalog,  JobError::Corrupt,  JobError::Unreadable,
                                     JobError::Cancelled};
        QList<int> codes;
        for (JobError e : errors)
            codes.append(exitCodeFor(e));
        QCOMPARE(codes, (QList<int>{0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12}));
        QCOMPARE(exitCodeFor(JobError::Interrupted), 12);
        QCOMPARE(documentedExitCodes(), codes);
    }
};

QTEST_GUILESS_MAIN(TestCliSyntax)
#include "tst_cli_syntax.moc"
