// VaultKeyStore on the in-memory fake (tst_crypto_keystore) and on a real Secret Service in a
// private D-Bus session (tst_crypto_keystore_keychain, REAL_KEYCHAIN): create, load, import,
// and the keychain's failures passed through.

#include "crypto/RecoveryKey.h"
#include "crypto/VaultKeyStore.h"
#include "fakes/MemorySecretStore.h"

#include <QTest>
#include <QUuid>

#include <memory>
#include <optional>

using namespace pbxvault;

namespace {

struct Answer
{
    bool synchronous = false;
    bool arrived = false;
    VaultKeyResult result;
};

Answer waitFor(const std::function<void(QObject *, VaultKeyCallback)> &call)
{
    QObject context;
    std::optional<VaultKeyResult> result;
    call(&context, [&](const VaultKeyResult &r) { result = r; });
    Answer a;
    a.synchronous = result.has_value();
    a.arrived = QTest::qWaitFor([&] { return result.has_value(); }, 60000);
    if (result)
        a.result = *result;
    return a;
}

const char *name(VaultKeyError e)
{
    switch (e) {
    case VaultKeyError::None:
        return "None";
    case VaultKeyError::NotFound:
        return "NotFound";
    case VaultKeyError::Unavailable:
        return "Unavailable";
    case VaultKeyError::Denied:
        return "Denied";
    case VaultKeyError::InvalidKey:
        return "InvalidKey";
    case VaultKeyError::DifferentKey:
        return "DifferentKey";
    case VaultKeyError::AlreadyExists:
        return "AlreadyExists";
    case VaultKeyError::Other:
        return "Other";
    }
    return "?";
}

} // namespace

#define CHECK_ANSWER(a, expected)                                                                  \
    do {                                                                                           \
        QVERIFY2(!(a).synchronous, "callback ran inside the call");                                \
        QVERIFY2((a).arrived, "no callback");                                                      \
        QVERIFY2((a).result.error == (expected),                                                   \
                 qPrintable(QStringLiteral("%1 instead of %2: %3")                                 \
                                .arg(QLatin1String(name((a).result.error)),                        \
                                     QLatin1String(name(expected)), (a).result.message)));         \
    } while (false)

class KeyStoreTest : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();
    void createLoadAndRecover();
    void createRefusesToReplace();
    void importIsIdempotentAndRefusesAnotherKey();
    void importWithTypoIsRefused();
    void catalogsAreIsolated();
#ifndef REAL_KEYCHAIN
    void keychainFailuresPassThrough_data();
    void keychainFailuresPassThrough();
    void unreadableStoredKey();
#endif

private:
    Answer load(const QString &catalog);
    Answer create(const QString &catalog);
    Answer import(const QString &catalog, const QString &text);
    void forget(const QString &catalog);

    std::unique_ptr<SecretStore> m_secrets;
    QStringList m_catalogs;
    QString m_catalog;
};

Answer KeyStoreTest::load(const QString &catalog)
{
    VaultKeyStore store(m_secrets.get(), catalog);
    return waitFor([&](QObject *c, VaultKeyCallback d) { store.load(c, d); });
}

Answer KeyStoreTest::create(const QString &catalog)
{
    VaultKeyStore store(m_secrets.get(), catalog);
    return waitFor([&](QObject *c, VaultKeyCallback d) { store.create(c, d); });
}

Answer KeyStoreTest::import(const QString &catalog, const QString &text)
{
    VaultKeyStore store(m_secrets.get(), catalog);
    return waitFor([&](QObject *c, VaultKeyCallback d) { store.import(text, c, d); });
}

void KeyStoreTest::forget(const QString &catalog)
{
    bool done = false;
    m_secrets->deleteSecret(VaultKeyStore::secretKey(catalog), nullptr,
                            [&](const SecretResult &) { done = true; });
    QVERIFY(QTest::qWaitFor([&] { return done; }, 30000));
}

void KeyStoreTest::initTestCase()
{
#ifdef REAL_KEYCHAIN
    if (qEnvironmentVariableIsEmpty("PBXVAULT_IN_KEYRING_SESSION"))
        QSKIP("run through tests/with-keyring.sh: this test must not touch your own keychain");
#endif
}

void KeyStoreTest::init()
{
#ifdef REAL_KEYCHAIN
    m_secrets = std::make_unique<KeychainSecretStore>(nullptr, QStringLiteral("PBX Vault test"));
#else
    m_secrets = std::make_unique<MemorySecretStore>();
#endif
    m_catalog = QUuid::createUuid().toString(QUuid::WithoutBraces);
    m_catalogs = {m_catalog};
}

void KeyStoreTest::cleanup()
{
    for (const QString &c : std::as_const(m_catalogs))
        forget(c);
    m_secrets.reset();
}

void KeyStoreTest::createLoadAndRecover()
{
    CHECK_ANSWER(load(m_catalog), VaultKeyError::NotFound);

    const Answer created = create(m_catalog);
    CHECK_ANSWER(created, VaultKeyError::None);
    QVERIFY(!created.result.key.isNull());
    QCOMPARE(created.result.recoveryKey.size(), 56 + 13);
    QVERIFY(RecoveryKey::parse(created.result.recoveryKey) == created.result.key);
#ifndef REAL_KEYCHAIN
    auto *memory = static_cast<MemorySecretStore *>(m_secrets.get());
    QCOMPARE(memory->storedSecret(QStringLiteral("vault-key/") + m_catalog),
             created.result.recoveryKey);
#endif

    const Answer loaded = load(m_catalog);
    CHECK_ANSWER(loaded, VaultKeyError::None);
    QVERIFY(loaded.result.key == created.result.key);
    QVERIFY(loaded.result.recoveryKey.isEmpty()); // shown once, at creation

    // Another machine: only the recovery key, typed in lower case with spaces.
    const QString other = QUuid::createUuid().toString(QUuid::WithoutBraces);
    m_catalogs << other;
    QString typed = created.result.recoveryKey.toLower();
    typed.replace(QLatin1Char('-'), QLatin1Char(' '));
    CHECK_ANSWER(import(other, typed), VaultKeyError::None);
    const Answer there = load(other);
    CHECK_ANSWER(there, VaultKeyError::None);
    QVERIFY(there.result.key == created.result.key);
}

void KeyStoreTest::createRefusesToReplace()
{
    const Answer first = create(m_catalog);
    CHECK_ANSWER(first, VaultKeyError::None);
    const Answer second = create(m_catalog);
    CHECK_ANSWER(second, VaultKeyError::AlreadyExists);
    QVERIFY(second.result.key.isNull());
    QVERIFY(second.result.recoveryKey.isEmpty());
    QVERIFY(load(m_catalog).result.key == first.result.key);
}

void KeyStoreTest::importIsIdempotentAndRefusesAnotherKey()
{
    const Answer created = create(m_catalog);
    CHECK_ANSWER(created, VaultKeyError::None);
    CHECK_ANSWER(import(m_catalog, created.result.recoveryKey), VaultKeyError::None);

    const VaultKey stranger = VaultKey::generate();
    const Answer refused = import(m_catalog, RecoveryKey::format(stranger));
    CHECK_ANSWER(refused, VaultKeyError::DifferentKey);
    QVERIFY2(refused.result.message.contains(created.result.key.idHex()),
             qPrintable(refused.result.message));
    QVERIFY(load(m_catalog).result.key == created.result.key);
}

void KeyStoreTest::importWithTypoIsRefused()
{
    QString text = RecoveryKey::format(VaultKey::generate());
    text[0] = text.at(0) == QLatin1Char('7') ? QLatin1Char('8') : QLatin1Char('7');
    const Answer a = import(m_catalog, text);
    CHECK_ANSWER(a, VaultKeyError::InvalidKey);
    QVERIFY2(a.result.message.contains(QStringLiteral("typo")), qPrintable(a.result.message));
    CHECK_ANSWER(load(m_catalog), VaultKeyError::NotFound); // nothing stored
}

void KeyStoreTest::catalogsAreIsolated()
{
    const QString other = QUuid::createUuid().toString(QUuid::WithoutBraces);
    m_catalogs << other;
    const Answer a = create(m_catalog);
    const Answer b = create(other);
    CHECK_ANSWER(a, VaultKeyError::None);
    CHECK_ANSWER(b, VaultKeyError::None);
    QVERIFY(a.result.key != b.result.key);
    QVERIFY(load(other).result.key == b.result.key);
    QVERIFY(load(m_catalog).result.key == a.result.key);
}

#ifndef REAL_KEYCHAIN
void KeyStoreTest::keychainFailuresPassThrough_data()
{
    QTest::addColumn<int>("mode");
    QTest::addColumn<int>("expected");
    QTest::newRow("unavailable") << int(MemorySecretStore::Mode::Unavailable)
                                 << int(VaultKeyError::Unavailable);
    QTest::newRow("locked") << int(MemorySecretStore::Mode::Locked)
                            << int(VaultKeyError::Unavailable);
    QTest::newRow("denied") << int(MemorySecretStore::Mode::Denied) << int(VaultKeyError::Denied);
}

void KeyStoreTest::keychainFailuresPassThrough()
{
    QFETCH(int, mode);
    QFETCH(int, expected);
    auto *memory = static_cast<MemorySecretStore *>(m_secrets.get());
    memory->setMode(MemorySecretStore::Mode(mode));
    for (const Answer &a : {load(m_catalog), create(m_catalog),
                            import(m_catalog, RecoveryKey::format(VaultKey::generate()))}) {
        CHECK_ANSWER(a, VaultKeyError(expected));
        QVERIFY(!a.result.message.isEmpty());
        QVERIFY(a.result.key.isNull());
    }
    memory->setMode(MemorySecretStore::Mode::Available);
    QVERIFY(memory->keys().isEmpty());
}

void KeyStoreTest::unreadableStoredKey()
{
    bool written = false;
    m_secrets->writeSecret(VaultKeyStore::secretKey(m_catalog), QStringLiteral("not a key"),
                           nullptr, [&](const SecretResult &) { written = true; });
    QTRY_VERIFY(written);
    CHECK_ANSWER(load(m_catalog), VaultKeyError::InvalidKey);
    // create() does not overwrite it (it might be a key damaged by hand, still recoverable)...
    CHECK_ANSWER(create(m_catalog), VaultKeyError::AlreadyExists);
    // ...but importing the recovery key repairs it.
    const VaultKey key = VaultKey::generate();
    CHECK_ANSWER(import(m_catalog, RecoveryKey::format(key)), VaultKeyError::None);
    QVERIFY(load(m_catalog).result.key == key);
}
#endif

QTEST_GUILESS_MAIN(KeyStoreTest)
#include "tst_crypto_keystore.moc"
