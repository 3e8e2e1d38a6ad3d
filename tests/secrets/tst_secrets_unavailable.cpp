// KeychainSecretStore when no keychain can be reached, built twice:
//   SCENARIO_NO_BUS      DBUS_SESSION_BUS_ADDRESS names a socket that does not exist
//   SCENARIO_NO_SERVICE  a private D-Bus session bus on which nothing provides
//                        org.freedesktop.secrets (and nothing can be activated)
// Either way every request fails as Unavailable with a clear message, and no plain-text copy
// of the secret is written under HOME or the XDG folders (no insecure fallback).

#include "SecretWait.h"
#include "TestDirs.h"

#include <QDBusConnection>
#include <QDBusVirtualObject>
#include <QDir>
#include <QDirIterator>
#include <QProcess>
#include <QTest>

using namespace pbxvault;
using pbxvault::test::waitFor;

namespace {

const QString kSecret = QStringLiteral("never-in-plain-text-4711");

#ifdef SCENARIO_NO_SERVICE
// Answers nothing, like a keyring daemon stuck behind a prompt nobody sees.
class SilentService : public QDBusVirtualObject
{
public:
    QString introspect(const QString &) const override { return QString(); }
    bool handleMessage(const QDBusMessage &, const QDBusConnection &) override { return true; }
};
#endif

} // namespace

class KeychainUnavailableTest : public QObject
{
    Q_OBJECT
public:
    explicit KeychainUnavailableTest(const QString &home) : m_home(home) {}

private slots:
    void initTestCase();
    void cleanupTestCase();
    void everyRequestIsUnavailable();
    void nothingWrittenInPlainText();
#ifdef SCENARIO_NO_SERVICE
    void silentServiceTimesOut(); // last: it leaves a QtKeychain job pending
#endif

private:
    QString m_home;
    QString m_expectedReason;
    pbxvault::test::TestDir m_busDir; // kept out of HOME, which must stay empty
    QProcess m_bus;
};

void KeychainUnavailableTest::initTestCase()
{
#ifdef SCENARIO_NO_BUS
    m_expectedReason = QStringLiteral("the D-Bus session bus cannot be reached");
#else
    m_expectedReason = QStringLiteral("no Secret Service such as GNOME Keyring or KWallet answers");
    const QString config = m_busDir.filePath(QStringLiteral("bus.conf"));
    QFile file(config);
    QVERIFY(file.open(QIODevice::WriteOnly));
    // No <servicedir>: nothing can be activated on this bus.
    file.write(QStringLiteral(
                   "<!DOCTYPE busconfig PUBLIC \"-//freedesktop//DTD D-Bus Bus Configuration "
                   "1.0//EN\" \"http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd\">\n"
                   "<busconfig><type>session</type><listen>unix:dir=%1</listen>"
                   "<auth>EXTERNAL</auth><policy context=\"default\">"
                   "<allow send_destination=\"*\" eavesdrop=\"true\"/><allow eavesdrop=\"true\"/>"
                   "<allow own=\"*\"/></policy></busconfig>\n")
                   .arg(m_busDir.path())
                   .toUtf8());
    file.close();
    m_bus.start(QStringLiteral("dbus-daemon"),
                {QStringLiteral("--config-file=") + config, QStringLiteral("--nofork"),
                 QStringLiteral("--print-address=1")});
    QVERIFY2(m_bus.waitForStarted(), "dbus-daemon is not installed");
    QTRY_VERIFY_WITH_TIMEOUT(m_bus.canReadLine(), 10000);
    const QByteArray address = m_bus.readLine().trimmed();
    QVERIFY(address.startsWith("unix:"));
    qputenv("DBUS_SESSION_BUS_ADDRESS", address);
    QVERIFY(QDBusConnection::sessionBus().isConnected());
#endif
}

void KeychainUnavailableTest::cleanupTestCase()
{
    if (m_bus.state() != QProcess::NotRunning) {
        m_bus.kill();
        m_bus.waitForFinished();
    }
}

void KeychainUnavailableTest::everyRequestIsUnavailable()
{
    KeychainSecretStore store;
    const QString key = SecretStore::pbxPasswordKey(QStringLiteral("catalog"), 1);
    const std::function<void(QObject *, SecretCallback)> calls[] = {
        [&](QObject *c, SecretCallback d) { store.writeSecret(key, kSecret, c, d); },
        [&](QObject *c, SecretCallback d) { store.readSecret(key, c, d); },
        [&](QObject *c, SecretCallback d) {
            store.deleteSecret(key, c, d);
        }};
    for (const auto &call : calls) {
        const auto w = waitFor(call, 20000);
        QVERIFY(!w.synchronous);
        QVERIFY2(w.arrived, "no answer within 20 s");
        QCOMPARE(int(w.result.error), int(SecretError::Unavailable));
        const QString &message = w.result.message;
        QVERIFY2(message.startsWith(QLatin1String("No system keychain is available (")),
                 qPrintable(message));
        QVERIFY2(message.contains(m_expectedReason), qPrintable(message));
        QVERIFY2(message.endsWith(QLatin1String("PBX Vault stores passwords only in the system "
                                                "keychain; start or unlock it and try again.")),
                 qPrintable(message));
        QVERIFY(!message.contains(kSecret));
        QVERIFY(w.result.secret.isEmpty());
        qInfo("%lld ms: %s", w.elapsedMs, qPrintable(message));
    }
}

void KeychainUnavailableTest::nothingWrittenInPlainText()
{
    const QByteArray needle = kSecret.toUtf8();
    QStringList files;
    QDirIterator it(m_home, QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString path = it.next();
        QFile f(path);
        QVERIFY(f.open(QIODevice::ReadOnly));
        QVERIFY2(!f.readAll().contains(needle), qPrintable(path));
        files << QDir(m_home).relativeFilePath(path);
    }
    QCOMPARE(files, QStringList()); // no settings file, no fallback store, nothing
}

#ifdef SCENARIO_NO_SERVICE
void KeychainUnavailableTest::silentServiceTimesOut()
{
    QDBusConnection bus = QDBusConnection::sessionBus();
    SilentService silent;
    QVERIFY(bus.registerVirtualObject(QStringLiteral("/org/freedesktop/secrets"), &silent,
                                      QDBusConnection::SubPath));
    QVERIFY(bus.registerService(QStringLiteral("org.freedesktop.secrets")));

    KeychainSecretStore store;
    store.setTimeout(1000);
    const auto w = waitFor(
        [&](QObject *c, SecretCallback d) {
            store.readSecret(SecretStore::pbxPasswordKey(QStringLiteral("c"), 1), c, d);
        },
        10000);
    QVERIFY(!w.synchronous);
    QVERIFY2(w.arrived, "no answer within 10 s");
    QCOMPARE(int(w.result.error), int(SecretError::Unavailable));
    QVERIFY2(w.result.message.contains(QLatin1String("did not answer within 1 seconds")),
             SECRET_RESULT(w));
    QVERIFY(w.elapsedMs < 5000);
    bus.unregisterService(QStringLiteral("org.freedesktop.secrets"));
    bus.unregisterObject(QStringLiteral("/org/freedesktop/secrets"),
                         QDBusConnection::UnregisterTree);
}
#endif

int main(int argc, char **argv)
{
    // A fresh HOME and XDG folders: any plain-text fallback would have to land here.
    pbxvault::test::TestDir home;
    const QByteArray path = QFile::encodeName(home.path());
    qputenv("HOME", path);
    for (const char *name :
         {"XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME"})
        qputenv(name, path + "/" + name);
    const QByteArray runtime = path + "/runtime";
    QDir().mkpath(QString::fromLocal8Bit(runtime));
    QFile::setPermissions(QString::fromLocal8Bit(runtime),
                          QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
    qputenv("XDG_RUNTIME_DIR", runtime);
    qunsetenv("DISPLAY"); // no D-Bus autolaunch through X11
#ifdef SCENARIO_NO_BUS
    qputenv("DBUS_SESSION_BUS_ADDRESS", "unix:path=" + path + "/no-such-bus-socket");
#endif
    QCoreApplication app(argc, argv);
    KeychainUnavailableTest test(home.path());
    return QTest::qExec(&test, argc, argv);
}

#include "tst_secrets_unavailable.moc"
