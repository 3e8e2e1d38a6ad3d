// KeychainSecretStore against a real Secret Service: gnome-keyring in a private D-Bus session
// (tests/with-keyring.sh), never the user's own keychain.

#include "SecretWait.h"

#include <QDirIterator>
#include <QLoggingCategory>
#include <QMutex>
#include <QTest>

using namespace pbxvault;
using pbxvault::test::waitFor;

namespace {

const QString kSecret = QStringLiteral("pä$$ wörd:\"'<x>&\\ %1 ☎");
const QString kCatalog = QStringLiteral("c0ffee00-1111-2222-3333-444455556666");

QMutex logMutex;
QStringList logLines;
QtMessageHandler previousHandler = nullptr;

void captureLog(QtMsgType type, const QMessageLogContext &context, const QString &message)
{
    {
        QMutexLocker lock(&logMutex);
        logLines << message;
    }
    previousHandler(type, context, message);
}

} // namespace

class KeychainTest : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void roundTrip();
    void missingKeyIsNotFound();
    void keysAreIsolatedPerCatalog();
    void servicesAreIsolated();
    void callbackDroppedWithContext();
    void nullContextUsesTheStore();
    void secretNeverLeaks();

private:
    SecretResult write(SecretStore &store, const QString &key, const QString &secret);
    SecretResult read(SecretStore &store, const QString &key);
    SecretResult remove(SecretStore &store, const QString &key);
};

SecretResult KeychainTest::write(SecretStore &store, const QString &key, const QString &secret)
{
    const auto w =
        waitFor([&](QObject *c, SecretCallback d) { store.writeSecret(key, secret, c, d); });
    if (w.synchronous || !w.arrived)
        return {SecretError::Other, QStringLiteral("callback synchronous or missing"), {}};
    return w.result;
}

SecretResult KeychainTest::read(SecretStore &store, const QString &key)
{
    const auto w = waitFor([&](QObject *c, SecretCallback d) { store.readSecret(key, c, d); });
    if (w.synchronous || !w.arrived)
        return {SecretError::Other, QStringLiteral("callback synchronous or missing"), {}};
    return w.result;
}

SecretResult KeychainTest::remove(SecretStore &store, const QString &key)
{
    const auto w = waitFor([&](QObject *c, SecretCallback d) { store.deleteSecret(key, c, d); });
    if (w.synchronous || !w.arrived)
        return {SecretError::Other, QStringLiteral("callback synchronous or missing"), {}};
    return w.result;
}

void KeychainTest::initTestCase()
{
    if (qEnvironmentVariableIsEmpty("PBXVAULT_IN_KEYRING_SESSION"))
        QSKIP("run through tests/with-keyring.sh: this test must not touch your own keychain");
    QLoggingCategory::setFilterRules(QStringLiteral("pbxvault.secrets.debug=true"));
    previousHandler = qInstallMessageHandler(captureLog);

    KeychainSecretStore store;
    const SecretResult probe = write(store, QStringLiteral("probe"), QStringLiteral("probe"));
    if (!probe.ok())
        QFAIL(qPrintable(QStringLiteral("The test keyring cannot store a secret (%1). "
                                        "tests/with-keyring.sh must leave gnome-keyring with an "
                                        "unlocked default collection.")
                             .arg(probe.message)));
    QVERIFY(remove(store, QStringLiteral("probe")).ok());
}

void KeychainTest::roundTrip()
{
    KeychainSecretStore store;
    const QString key = SecretStore::pbxPasswordKey(kCatalog, 1);
    SecretResult r = write(store, key, kSecret.arg(1));
    QVERIFY2(r.ok(), qPrintable(r.message));
    r = read(store, key);
    QVERIFY2(r.ok(), qPrintable(r.message));
    QCOMPARE(r.secret, kSecret.arg(1));

    r = write(store, key, kSecret.arg(2)); // replaces
    QVERIFY2(r.ok(), qPrintable(r.message));
    r = read(store, key);
    QCOMPARE(r.secret, kSecret.arg(2));

    r = remove(store, key);
    QVERIFY2(r.ok(), qPrintable(r.message));
    r = read(store, key);
    QCOMPARE(int(r.error), int(SecretError::NotFound));
    QVERIFY(r.secret.isEmpty());
}

void KeychainTest::missingKeyIsNotFound()
{
    KeychainSecretStore store;
    const SecretResult r = read(store, SecretStore::pbxPasswordKey(kCatalog, 999));
    QCOMPARE(int(r.error), int(SecretError::NotFound));
    QCOMPARE(r.message, QStringLiteral("No password is stored in the system keychain for this "
                                       "entry."));
    // Deleting what is not there is not an error.
    QVERIFY(remove(store, SecretStore::pbxPasswordKey(kCatalog, 999)).ok());
}

void KeychainTest::keysAreIsolatedPerCatalog()
{
    KeychainSecretStore store;
    const QString a = SecretStore::pbxPasswordKey(QStringLiteral("catalog-a"), 7);
    const QString b = SecretStore::pbxPasswordKey(QStringLiteral("catalog-b"), 7);
    QVERIFY(write(store, a, QStringLiteral("secret of a")).ok());
    QVERIFY(write(store, b, QStringLiteral("secret of b")).ok());
    QCOMPARE(read(store, a).secret, QStringLiteral("secret of a"));
    QCOMPARE(read(store, b).secret, QStringLiteral("secret of b"));
    QVERIFY(remove(store, a).ok());
    QCOMPARE(int(read(store, a).error), int(SecretError::NotFound));
    QCOMPARE(read(store, b).secret, QStringLiteral("secret of b"));
    QVERIFY(remove(store, b).ok());
}

void KeychainTest::servicesAreIsolated()
{
    KeychainSecretStore one(nullptr, QStringLiteral("PBX Vault test one"));
    KeychainSecretStore two(nullptr, QStringLiteral("PBX Vault test two"));
    const QString key = SecretStore::pbxPasswordKey(kCatalog, 3);
    QVERIFY(write(one, key, QStringLiteral("one")).ok());
    QCOMPARE(int(read(two, key).error), int(SecretError::NotFound));
    QVERIFY(remove(one, key).ok());
}

void KeychainTest::callbackDroppedWithContext()
{
    KeychainSecretStore store;
    const QString key = SecretStore::pbxPasswordKey(kCatalog, 4);
    QVERIFY(write(store, key, QStringLiteral("x")).ok());
    int calls = 0;
    auto *context = new QObject;
    store.readSecret(key, context, [&](const SecretResult &) { ++calls; });
    delete context;
    // QtKeychain runs jobs one after the other: once this one answers, the first has too.
    QVERIFY(read(store, key).ok());
    QCoreApplication::processEvents();
    QCOMPARE(calls, 0);
    QVERIFY(remove(store, key).ok());
}

void KeychainTest::nullContextUsesTheStore()
{
    KeychainSecretStore store;
    std::optional<SecretResult> result;
    store.readSecret(SecretStore::pbxPasswordKey(kCatalog, 5), nullptr,
                     [&](const SecretResult &r) { result = r; });
    QVERIFY(!result);
    QTRY_VERIFY_WITH_TIMEOUT(result.has_value(), 20000);
    QCOMPARE(int(result->error), int(SecretError::NotFound));
}

// The secret is in no log line and in no file of the session's home in plain text (the
// keyring file is encrypted).
void KeychainTest::secretNeverLeaks()
{
    KeychainSecretStore store;
    const QString key = SecretStore::pbxPasswordKey(kCatalog, 6);
    const QString secret = kSecret.arg(QStringLiteral("leak-check"));
    QVERIFY(write(store, key, secret).ok());
    QCOMPARE(read(store, key).secret, secret);
    {
        QMutexLocker lock(&logMutex);
        QVERIFY(!logLines.isEmpty()); // debug logging of this module was on
        for (const QString &line : std::as_const(logLines))
            QVERIFY2(!line.contains(secret), qPrintable(line));
    }
    const QByteArray needle = secret.toUtf8();
    QDirIterator it(QDir::homePath(), QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
    int files = 0;
    while (it.hasNext()) {
        QFile f(it.next());
        if (!f.open(QIODevice::ReadOnly))
            continue;
        ++files;
        QVERIFY2(!f.readAll().contains(needle), qPrintable(f.fileName()));
    }
    QVERIFY(files > 0); // the keyring file is there
    QVERIFY(remove(store, key).ok());
}

QTEST_GUILESS_MAIN(KeychainTest)
#include "tst_secrets_keychain.moc"
