// The in-memory SecretStore fake other modules' tests use, and the key naming.

#include "SecretWait.h"
#include "fakes/MemorySecretStore.h"

#include <QTest>

using namespace pbxvault;
using pbxvault::test::waitFor;

class MemorySecretStoreTest : public QObject
{
    Q_OBJECT

private slots:
    void pbxPasswordKey();
    void roundTrip();
    void simulatedFailures_data();
    void simulatedFailures();
    void callbackDroppedWithContext();
    void nullContextUsesTheStore();
};

void MemorySecretStoreTest::pbxPasswordKey()
{
    QCOMPARE(SecretStore::pbxPasswordKey(QStringLiteral("3f2a"), 42),
             QStringLiteral("catalog/3f2a/pbx/42"));
    QVERIFY(SecretStore::pbxPasswordKey(QStringLiteral("a"), 1) !=
            SecretStore::pbxPasswordKey(QStringLiteral("b"), 1));
}

void MemorySecretStoreTest::roundTrip()
{
    MemorySecretStore store;
    const QString key = SecretStore::pbxPasswordKey(QStringLiteral("cat"), 1);
    auto w = waitFor([&](QObject *c, SecretCallback d) { store.readSecret(key, c, d); });
    QVERIFY(!w.synchronous);
    QVERIFY(w.arrived);
    QCOMPARE(int(w.result.error), int(SecretError::NotFound));
    QVERIFY(!w.result.message.isEmpty());

    w = waitFor([&](QObject *c, SecretCallback d) { store.writeSecret(key, "pw", c, d); });
    QVERIFY(!w.synchronous && w.arrived && w.result.ok());
    QVERIFY(store.contains(key));
    w = waitFor([&](QObject *c, SecretCallback d) { store.readSecret(key, c, d); });
    QVERIFY(!w.synchronous && w.arrived && w.result.ok());
    QCOMPARE(w.result.secret, QStringLiteral("pw"));
    w = waitFor([&](QObject *c, SecretCallback d) { store.deleteSecret(key, c, d); });
    QVERIFY(!w.synchronous && w.arrived && w.result.ok());
    QVERIFY(!store.contains(key));
    QCOMPARE(store.requestCount(), 4);
}

void MemorySecretStoreTest::simulatedFailures_data()
{
    QTest::addColumn<MemorySecretStore::Mode>("mode");
    QTest::addColumn<int>("error");
    QTest::addColumn<QString>("text");
    QTest::newRow("unavailable") << MemorySecretStore::Mode::Unavailable
                                 << int(SecretError::Unavailable)
                                 << QStringLiteral("No system keychain is available");
    QTest::newRow("locked") << MemorySecretStore::Mode::Locked << int(SecretError::Unavailable)
                            << QStringLiteral("locked");
    QTest::newRow("denied") << MemorySecretStore::Mode::Denied << int(SecretError::Denied)
                            << QStringLiteral("refused");
}

void MemorySecretStoreTest::simulatedFailures()
{
    QFETCH(MemorySecretStore::Mode, mode);
    QFETCH(int, error);
    QFETCH(QString, text);
    MemorySecretStore store;
    store.setMode(mode);
    const QString key = QStringLiteral("k");
    const std::function<void(QObject *, SecretCallback)> calls[] = {
        [&](QObject *c, SecretCallback d) { store.readSecret(key, c, d); },
        [&](QObject *c, SecretCallback d) {
            store.writeSecret(key, QStringLiteral("hunter2"), c, d);
        },
        [&](QObject *c, SecretCallback d) {
            store.deleteSecret(key, c, d);
        }};
    for (const auto &call : calls) {
        const auto w = waitFor(call);
        QVERIFY(!w.synchronous && w.arrived);
        QCOMPARE(int(w.result.error), error);
        QVERIFY2(w.result.message.contains(text), qPrintable(w.result.message));
        QVERIFY(!w.result.message.contains(QLatin1String("hunter2")));
    }
    QVERIFY(!store.contains(key));
}

void MemorySecretStoreTest::callbackDroppedWithContext()
{
    MemorySecretStore store;
    int calls = 0;
    auto *context = new QObject;
    store.readSecret(QStringLiteral("k"), context, [&](const SecretResult &) { ++calls; });
    delete context;
    const auto w = waitFor([&](QObject *c, SecretCallback d) { store.readSecret("k", c, d); });
    QVERIFY(w.arrived);
    QCoreApplication::processEvents();
    QCOMPARE(calls, 0);
}

void MemorySecretStoreTest::nullContextUsesTheStore()
{
    MemorySecretStore store;
    bool called = false;
    store.writeSecret(QStringLiteral("k"), QStringLiteral("v"), nullptr,
                      [&](const SecretResult &r) { called = r.ok(); });
    QVERIFY(!called);
    QTRY_VERIFY(called);
}

QTEST_GUILESS_MAIN(MemorySecretStoreTest)
#include "tst_secrets_memory.moc"
