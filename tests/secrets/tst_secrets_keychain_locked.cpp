// A locked keyring whose unlock prompt cannot be shown (no display): every request must end,
// quickly, as Unavailable with a message that says the keychain is locked. Runs in its own
// keyring session because a locked keyring cannot be unlocked without a prompt.

#include "SecretWait.h"

#include <QDBusConnection>
#include <QDBusMessage>
#include <QDBusMetaType>
#include <QDBusObjectPath>
#include <QDBusPendingCallWatcher>
#include <QDBusPendingReply>
#include <QDBusVariant>
#include <QSignalSpy>
#include <QTest>

using namespace pbxvault;
using pbxvault::test::waitFor;

namespace {

const QString kService = QStringLiteral("org.freedesktop.secrets");
const QString kSecret = QStringLiteral("locked-away-secret");

QDBusMessage secretCall(const QString &path, const QString &interface, const QString &method)
{
    return QDBusMessage::createMethodCall(kService, path, interface, method);
}

// Asynchronous D-Bus call, waited for with a signal spy.
QDBusMessage callAndWait(const QDBusMessage &message)
{
    QDBusPendingCallWatcher watcher(QDBusConnection::sessionBus().asyncCall(message, 10000));
    QSignalSpy finished(&watcher, &QDBusPendingCallWatcher::finished);
    if (!watcher.isFinished())
        finished.wait(15000);
    return watcher.reply();
}

} // namespace

class KeychainLockedTest : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void lockedKeyringIsUnavailable();
};

void KeychainLockedTest::initTestCase()
{
    if (qEnvironmentVariableIsEmpty("PBXVAULT_IN_KEYRING_SESSION"))
        QSKIP("run through tests/with-keyring.sh: this test locks the keyring");
}

void KeychainLockedTest::lockedKeyringIsUnavailable()
{
    KeychainSecretStore store;
    const QString key = SecretStore::pbxPasswordKey(QStringLiteral("locked-catalog"), 1);
    auto w = waitFor([&](QObject *c, SecretCallback d) { store.writeSecret(key, kSecret, c, d); });
    QVERIFY2(w.arrived && w.result.ok(), SECRET_RESULT(w));

    QDBusMessage alias =
        secretCall(QStringLiteral("/org/freedesktop/secrets"),
                   QStringLiteral("org.freedesktop.Secret.Service"), QStringLiteral("ReadAlias"));
    alias << QStringLiteral("default");
    const QDBusMessage aliasReply = callAndWait(alias);
    QCOMPARE(aliasReply.type(), QDBusMessage::ReplyMessage);
    const QDBusObjectPath collection = aliasReply.arguments().value(0).value<QDBusObjectPath>();
    QVERIFY(collection.path() != QLatin1String("/"));

    QDBusMessage lock =
        secretCall(QStringLiteral("/org/freedesktop/secrets"),
                   QStringLiteral("org.freedesktop.Secret.Service"), QStringLiteral("Lock"));
    lock << QVariant::fromValue(QList<QDBusObjectPath>{collection});
    const QDBusMessage lockReply = callAndWait(lock);
    QVERIFY2(lockReply.type() == QDBusMessage::ReplyMessage, qPrintable(lockReply.errorMessage()));

    QDBusMessage locked =
        secretCall(collection.path(), QStringLiteral("org.freedesktop.DBus.Properties"),
                   QStringLiteral("Get"));
    locked << QStringLiteral("org.freedesktop.Secret.Collection") << QStringLiteral("Locked");
    const QDBusMessage lockedReply = callAndWait(locked);
    QVERIFY(lockedReply.arguments().value(0).value<QDBusVariant>().variant().toBool());

    // Without the probe, QtKeychain would call this "not found" (read) or "access denied"
    // (write): the operator would be told to re-enter a password that is still there.
    const std::function<void(QObject *, SecretCallback)> calls[] = {
        [&](QObject *c, SecretCallback d) { store.readSecret(key, c, d); },
        [&](QObject *c, SecretCallback d) {
            store.writeSecret(key, kSecret, c, d);
        }};
    for (const auto &call : calls) {
        w = waitFor(call, 15000);
        QVERIFY(!w.synchronous);
        QVERIFY2(w.arrived, "no answer within 15 s");
        qInfo("answered in %lld ms: %s", w.elapsedMs, SECRET_RESULT(w));
        QCOMPARE(int(w.result.error), int(SecretError::Unavailable));
        QVERIFY2(w.result.message.contains(QLatin1String("locked")), SECRET_RESULT(w));
        QVERIFY(!w.result.message.contains(kSecret));
        QVERIFY(w.result.secret.isEmpty());
    }

    // libsecret skips locked items when deleting and reports success anyway.
    w = waitFor([&](QObject *c, SecretCallback d) { store.deleteSecret(key, c, d); }, 15000);
    QVERIFY(w.arrived);
    qInfo("delete on the locked keyring answered in %lld ms: %s", w.elapsedMs, SECRET_RESULT(w));
    // Whatever it answered must be true: the item is gone, or the delete failed.
    QDBusMessage search =
        secretCall(QStringLiteral("/org/freedesktop/secrets"),
                   QStringLiteral("org.freedesktop.Secret.Service"), QStringLiteral("SearchItems"));
    const QMap<QString, QString> attributes = {
        {QStringLiteral("user"), key}, {QStringLiteral("server"), QStringLiteral("PBX Vault")}};
    qDBusRegisterMetaType<QMap<QString, QString>>();
    search << QVariant::fromValue(attributes);
    const QDBusMessage found = callAndWait(search);
    QVERIFY2(found.type() == QDBusMessage::ReplyMessage, qPrintable(found.errorMessage()));
    const auto unlocked = qdbus_cast<QList<QDBusObjectPath>>(found.arguments().value(0));
    const auto stillLocked = qdbus_cast<QList<QDBusObjectPath>>(found.arguments().value(1));
    qInfo("after the delete: %lld unlocked and %lld locked matching items", qint64(unlocked.size()),
          qint64(stillLocked.size()));
    QCOMPARE(w.result.ok(), unlocked.isEmpty() && stillLocked.isEmpty());
    QCOMPARE(int(w.result.error), int(SecretError::Unavailable));
    QVERIFY2(w.result.message.contains(QLatin1String("locked")), SECRET_RESULT(w));
}

QTEST_GUILESS_MAIN(KeychainLockedTest)
#include "tst_secrets_keychain_locked.moc"
