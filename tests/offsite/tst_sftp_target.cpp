// SftpTarget against a real OpenSSH server on loopback (SshServer): key login, a verified
// 64 MiB copy byte-identical on the server's disk, the host key pinned like TLS, refusals that
// say what went wrong, and a server killed mid-copy: no file under the final name, and a
// retried copy after the restart succeeds and removes the leftover.
#include "OffsiteTestFiles.h"
#include "SshServer.h"
#include "TestDirs.h"
#include "offsite/SftpTarget.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QHostAddress>
#include <QTcpServer>
#include <QTest>

#include <csignal>

#include <unistd.h>

using namespace pbxvault;
using pbxvault::test::SshServer;
using pbxvault::test::TestDir;

namespace {

constexpr qint64 MiB = 1024 * 1024;

QStringList entriesOf(const QString &dir)
{
    return QDir(dir).entryList(QDir::Files | QDir::Hidden | QDir::System, QDir::Name);
}

QStringList partsIn(const QString &dir)
{
    QStringList parts;
    for (const QString &name : entriesOf(dir)) {
        if (name.contains(QLatin1String(".part-")))
            parts << name;
    }
    return parts;
}

} // namespace

class TestSftpTarget : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void cleanup();

    void keyLoginPutsVerifiedCopy();
    void listGetRemove();
    void existingFiles();
    void tamperedCopyFailsVerification();
    void wrongPasswordIsAuthFailed();
    void unreadableKeyIsAuthFailed();
    void emptyPinIsHostKeyUnknown();
    void wrongPinIsHostKeyChanged();
    void closedPortIsUnreachableFast();
    void missingRemoteFolderIsNotFound();
    void hostileNamesAreRefused();
    void cancelledPutLeavesNothing();
    void stalledServerTimesOut();
    void killedServerMidPutLeavesNoFinalFile(); // last: restarts the server

private:
    SftpEndpoint endpoint() const;
    QString remotePath(const QString &name) const { return m_server->remoteDir() + '/' + name; }
    QString bigFile(qint64 size);

    std::unique_ptr<SshServer> m_server;
    std::unique_ptr<TestDir> m_local;
    QHash<qint64, QString> m_files; // size -> path, made once
};

SftpEndpoint TestSftpTarget::endpoint() const
{
    SftpEndpoint endpoint;
    endpoint.host = m_server->host();
    endpoint.port = m_server->port();
    endpoint.user = m_server->user();
    endpoint.remoteDir = m_server->remoteDir();
    endpoint.privateKey = m_server->clientPrivateKey();
    endpoint.pinnedHostKey = m_server->hostKeyFingerprint();
    return endpoint;
}

QString TestSftpTarget::bigFile(qint64 size)
{
    if (!m_files.contains(size)) {
        const QString path = m_local->filePath(QStringLiteral("local-%1.bin").arg(size));
        if (test::writeRandomFile(path, size, quint32(size)).isEmpty())
            return {};
        m_files.insert(size, path);
    }
    return m_files.value(size);
}

void TestSftpTarget::initTestCase()
{
    if (SshServer::sshdPath().isEmpty())
        QSKIP("OpenSSH's server /usr/sbin/sshd is not installed (Debian: openssh-server)");
    m_local = std::make_unique<TestDir>();
    QVERIFY(m_local->isValid());
    m_server = std::make_unique<SshServer>();
    QString error;
    QVERIFY2(m_server->start(&error), qPrintable(error));
    QVERIFY(m_server->hostKeyFingerprint().startsWith(QLatin1String("SHA256:")));
    qInfo("sshd on port %d for the user %s (uid %d)", m_server->port(),
          qPrintable(m_server->user()), int(::geteuid()));
}

void TestSftpTarget::cleanupTestCase()
{
    m_server.reset();
    m_local.reset();
}

void TestSftpTarget::cleanup()
{
    if (QTest::currentTestFailed() && m_server)
        qInfo().noquote() << "sshd log:\n" << m_server->log().right(3000);
    // Each test starts from an empty remote folder.
    if (m_server) {
        for (const QString &name : entriesOf(m_server->remoteDir()))
            QFile::remove(remotePath(name));
    }
}

void TestSftpTarget::keyLoginPutsVerifiedCopy()
{
    const qint64 size = 64 * MiB;
    const QString local = bigFile(size);
    QVERIFY(!local.isEmpty());
    const QString sha = test::sha256OfFile(local);
    SftpTarget target(endpoint());
    const QString name = QStringLiteral("pbx1-2025-01-01.tar.gz");
    qint64 lastDone = 0, lastTotal = 0;
    bool monotonic = true;
    QElapsedTimer clock;
    clock.start();
    const CopyResult put = target.put(local, name, [&](qint64 done, qint64 total) {
        monotonic = monotonic && done >= lastDone;
        lastDone = done;
        lastTotal = total;
    });
    QVERIFY2(put.ok(), qPrintable(put.message));
    qInfo("64 MiB put + read-back in %lld ms", clock.elapsed());
    QCOMPARE(put.size, size);
    QCOMPARE(put.sha256, sha);
    QVERIFY(monotonic);
    QCOMPARE(lastDone, 2 * size);
    QCOMPARE(lastTotal, 2 * size);
    QVERIFY(test::sameContent(local, remotePath(name)));
    QCOMPARE(entriesOf(m_server->remoteDir()), QStringList{name});
    // Nothing secret in what the caller may show or log.
    QVERIFY(!target.description().contains(QLatin1String("PRIVATE")));

    const CopyResult verified = target.verify(name, size, sha);
    QVERIFY2(verified.ok(), qPrintable(verified.message));
    QCOMPARE(verified.sha256, sha);
}

void TestSftpTarget::listGetRemove()
{
    const QString local = bigFile(3 * MiB + 5);
    const QString sha = test::sha256OfFile(local);
    SftpTarget target(endpoint());
    QVERIFY(target.put(local, QStringLiteral("b.tar.gz")).ok());
    QVERIFY(target.put(local, QStringLiteral("a.tar.gz")).ok());
    QVERIFY(
        !test::writeRandomFile(remotePath(QStringLiteral(".a.tar.gz.part-0000000000000001")), 10)
             .isEmpty());
    QVERIFY(QDir().mkpath(remotePath(QStringLiteral("subfolder"))));

    QList<RemoteFile> files;
    const CopyResult listed = target.list(&files);
    QVERIFY2(listed.ok(), qPrintable(listed.message));
    QCOMPARE(files, (QList<RemoteFile>{{QStringLiteral("a.tar.gz"), 3 * MiB + 5},
                                       {QStringLiteral("b.tar.gz"), 3 * MiB + 5}}));
    RemoteFile info;
    QVERIFY(target.stat(QStringLiteral("a.tar.gz"), &info).ok());
    QCOMPARE(info.size, 3 * MiB + 5);
    QCOMPARE(target.stat(QStringLiteral("c.tar.gz"), &info).kind, CopyErrorKind::NotFound);

    const QString fetched = m_local->filePath(QStringLiteral("fetched.tar.gz"));
    qint64 lastDone = 0;
    const CopyResult got = target.get(
        QStringLiteral("a.tar.gz"), fetched, [&](qint64 done, qint64) { lastDone = done; }, nullptr,
        3 * MiB + 5, sha);
    QVERIFY2(got.ok(), qPrintable(got.message));
    QCOMPARE(lastDone, 3 * MiB + 5);
    QVERIFY(test::sameContent(local, fetched));
    const CopyResult wrongSha =
        target.get(QStringLiteral("a.tar.gz"), m_local->filePath(QStringLiteral("other.tar.gz")),
                   {}, nullptr, -1, QString(64, QLatin1Char('0')));
    QCOMPARE(wrongSha.kind, CopyErrorKind::Mismatch);
    QVERIFY(!QFile::exists(m_local->filePath(QStringLiteral("other.tar.gz"))));
    QCOMPARE(target.get(QStringLiteral("missing.tar.gz"), fetched).kind, CopyErrorKind::NotFound);

    QVERIFY(target.remove(QStringLiteral("a.tar.gz")).ok());
    QVERIFY(!QFile::exists(remotePath(QStringLiteral("a.tar.gz"))));
    QCOMPARE(target.remove(QStringLiteral("a.tar.gz")).kind, CopyErrorKind::NotFound);
    QVERIFY(target.list(&files).ok());
    QCOMPARE(files.size(), 1);
}

void TestSftpTarget::existingFiles()
{
    const QString local = bigFile(3 * MiB + 5);
    SftpTarget target(endpoint());
    const QString name = QStringLiteral("again.tar.gz");
    QVERIFY(target.put(local, name).ok());
    const CopyResult identical = target.put(local, name);
    QVERIFY2(identical.ok(), qPrintable(identical.message));

    const QString other = bigFile(2 * MiB);
    const CopyResult different = target.put(other, name);
    QCOMPARE(different.kind, CopyErrorKind::Mismatch);
    QVERIFY2(different.message.contains(name), qPrintable(different.message));
    QVERIFY(test::sameContent(local, remotePath(name))); // left alone
    QCOMPARE(entriesOf(m_server->remoteDir()), QStringList{name});
}

void TestSftpTarget::tamperedCopyFailsVerification()
{
    const QString local = bigFile(3 * MiB + 5);
    const QString sha = test::sha256OfFile(local);
    SftpTarget target(endpoint());
    const QString name = QStringLiteral("tampered.tar.gz");
    QVERIFY(target.put(local, name).ok());
    {
        QFile copy(remotePath(name));
        QVERIFY(copy.open(QIODevice::ReadWrite));
        QVERIFY(copy.seek(MiB));
        QVERIFY(copy.putChar('\x5a'));
    }
    const CopyResult flipped = target.verify(name, 3 * MiB + 5, sha);
    QCOMPARE(flipped.kind, CopyErrorKind::Mismatch);
    QVERIFY(flipped.message.contains(QLatin1String("SHA-256")));
    QCOMPARE(target.verify(name, 3 * MiB + 6, sha).kind, CopyErrorKind::Mismatch);
    QCOMPARE(target.verify(QStringLiteral("gone.tar.gz"), 1, sha).kind, CopyErrorKind::NotFound);
}

void TestSftpTarget::wrongPasswordIsAuthFailed()
{
    // As root the server only takes keys (PermitRootLogin prohibit-password); either way no
    // password this test knows can succeed: what matters is the refusal and its wording.
    SftpEndpoint login = endpoint();
    login.privateKey.clear();
    login.password = QStringLiteral("not-the-password-3f9a");
    SftpTarget target(login);
    const CopyResult put = target.put(bigFile(2 * MiB), QStringLiteral("a.tar.gz"));
    qInfo().noquote() << put.message;
    QCOMPARE(put.kind, CopyErrorKind::AuthFailed);
    QVERIFY2(put.message.contains(m_server->user()) && put.message.contains(m_server->host()),
             qPrintable(put.message));
    QVERIFY(!put.message.contains(login.password));
    QVERIFY(entriesOf(m_server->remoteDir()).isEmpty());
}

void TestSftpTarget::unreadableKeyIsAuthFailed()
{
    SftpEndpoint login = endpoint();
    login.privateKey = QStringLiteral("-----BEGIN OPENSSH PRIVATE KEY-----\nbm90IGEga2V5\n"
                                      "-----END OPENSSH PRIVATE KEY-----\n");
    QList<RemoteFile> files;
    const CopyResult listed = SftpTarget(login).list(&files);
    QCOMPARE(listed.kind, CopyErrorKind::AuthFailed);
    QVERIFY(!listed.message.contains(QLatin1String("bm90IGEga2V5")));
}

void TestSftpTarget::emptyPinIsHostKeyUnknown()
{
    SftpEndpoint unpinned = endpoint();
    unpinned.pinnedHostKey.clear();
    const CopyResult put = SftpTarget(unpinned).put(bigFile(2 * MiB), QStringLiteral("a.tar.gz"));
    QCOMPARE(put.kind, CopyErrorKind::HostKeyUnknown);
    QCOMPARE(put.serverFingerprint, m_server->hostKeyFingerprint());
    QVERIFY2(put.message.contains(m_server->hostKeyFingerprint()), qPrintable(put.message));
    QVERIFY(entriesOf(m_server->remoteDir()).isEmpty());

    const CopyResult probe = SftpTarget::probeHostKey(m_server->host(), m_server->port());
    QVERIFY2(probe.ok(), qPrintable(probe.message));
    QCOMPARE(probe.serverFingerprint, m_server->hostKeyFingerprint());
}

void TestSftpTarget::wrongPinIsHostKeyChanged()
{
    SftpEndpoint pinned = endpoint();
    pinned.pinnedHostKey = QStringLiteral("SHA256:47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU");
    const CopyResult put = SftpTarget(pinned).put(bigFile(2 * MiB), QStringLiteral("a.tar.gz"));
    qInfo().noquote() << put.message;
    QCOMPARE(put.kind, CopyErrorKind::HostKeyChanged);
    QCOMPARE(put.serverFingerprint, m_server->hostKeyFingerprint());
    QVERIFY2(put.message.contains(m_server->hostKeyFingerprint()) &&
                 put.message.contains(pinned.pinnedHostKey),
             qPrintable(put.message));
    QVERIFY(entriesOf(m_server->remoteDir()).isEmpty());
    // The pin may be written as ssh-keygen -l prints it, with or without padding.
    pinned.pinnedHostKey = m_server->hostKeyFingerprint() + QLatin1Char('=');
    QList<RemoteFile> files;
    QVERIFY(SftpTarget(pinned).list(&files).ok());
}

void TestSftpTarget::closedPortIsUnreachableFast()
{
    quint16 closedPort = 0;
    {
        QTcpServer probe;
        QVERIFY(probe.listen(QHostAddress::LocalHost, 0));
        closedPort = probe.serverPort();
    }
    SftpEndpoint closed = endpoint();
    closed.port = closedPort;
    QElapsedTimer clock;
    clock.start();
    const CopyResult put = SftpTarget(closed).put(bigFile(2 * MiB), QStringLiteral("a.tar.gz"));
    QCOMPARE(put.kind, CopyErrorKind::Unreachable);
    QVERIFY2(clock.elapsed() < 5000, qPrintable(QString::number(clock.elapsed())));
    QVERIFY2(put.message.contains(QString::number(closedPort)), qPrintable(put.message));
    const CopyResult probe = SftpTarget::probeHostKey(m_server->host(), closedPort);
    QCOMPARE(probe.kind, CopyErrorKind::Unreachable);
}

void TestSftpTarget::missingRemoteFolderIsNotFound()
{
    SftpEndpoint missing = endpoint();
    missing.remoteDir = m_server->remoteDir() + QStringLiteral("/not-there");
    const CopyResult put = SftpTarget(missing).put(bigFile(2 * MiB), QStringLiteral("a.tar.gz"));
    QCOMPARE(put.kind, CopyErrorKind::NotFound);
    QVERIFY2(put.message.contains(missing.remoteDir), qPrintable(put.message));
}

void TestSftpTarget::hostileNamesAreRefused()
{
    SftpTarget target(endpoint());
    for (const QString &name : {QStringLiteral("../escape.tar.gz"), QStringLiteral("sub/a.tar.gz"),
                                QStringLiteral(".hidden"), QStringLiteral(".."), QString(),
                                QStringLiteral("a") + QChar(u'\0') + QStringLiteral("b")}) {
        QCOMPARE(target.put(bigFile(2 * MiB), name).kind, CopyErrorKind::Other);
        QVERIFY(!target.remove(name).ok());
        QVERIFY(!target.get(name, m_local->filePath(QStringLiteral("x"))).ok());
    }
    QVERIFY(entriesOf(m_server->remoteDir()).isEmpty());
    QVERIFY(!QFile::exists(m_server->remoteDir() + QStringLiteral("/../escape.tar.gz")));
}

void TestSftpTarget::cancelledPutLeavesNothing()
{
    const QString local = bigFile(64 * MiB);
    SftpTarget target(endpoint());
    const QString name = QStringLiteral("cancelled.tar.gz");
    CancelFlag cancel{false};
    qint64 cancelledAt = 0;
    const CopyResult put = target.put(
        local, name,
        [&](qint64 done, qint64) {
            if (done >= 4 * MiB && !cancel) {
                cancelledAt = done;
                cancel = true;
            }
        },
        &cancel);
    QCOMPARE(put.kind, CopyErrorKind::Cancelled);
    QVERIFY(cancelledAt < 64 * MiB);
    QVERIFY2(entriesOf(m_server->remoteDir()).isEmpty(),
             qPrintable(entriesOf(m_server->remoteDir()).join(QLatin1Char(' '))));
}

void TestSftpTarget::stalledServerTimesOut()
{
    // A server that stops answering (frozen, or a network gone silent) fails the copy after
    // the I/O timeout instead of hanging the job.
    const QString local = bigFile(64 * MiB);
    SftpEndpoint stalling = endpoint();
    stalling.ioTimeoutSeconds = 2;
    QList<qint64> frozen;
    QElapsedTimer clock;
    const CopyResult put =
        SftpTarget(stalling).put(local, QStringLiteral("stalled.tar.gz"), [&](qint64 done, qint64) {
            if (frozen.isEmpty() && done >= 8 * MiB) {
                frozen = m_server->connectionPids();
                for (qint64 pid : std::as_const(frozen))
                    ::kill(pid_t(pid), SIGSTOP);
                clock.start();
            }
        });
    const qint64 elapsed = clock.elapsed();
    for (qint64 pid : std::as_const(frozen))
        ::kill(pid_t(pid), SIGKILL);
    QVERIFY(!frozen.isEmpty());
    qInfo().noquote() << "after the stall:" << put.message;
    QVERIFY2(put.kind == CopyErrorKind::ConnectionLost, qPrintable(put.message));
    QVERIFY2(elapsed >= 1500 && elapsed < 20000, qPrintable(QString::number(elapsed)));
    QVERIFY(!QFile::exists(remotePath(QStringLiteral("stalled.tar.gz"))));
}

void TestSftpTarget::killedServerMidPutLeavesNoFinalFile()
{
    const qint64 size = 128 * MiB;
    const QString local = bigFile(size);
    QVERIFY(!local.isEmpty());
    SftpTarget target(endpoint());
    const QString name = QStringLiteral("killed.tar.gz");
    bool killed = false;
    QList<qint64> connectionPids;
    QElapsedTimer clock;
    const CopyResult put = target.put(local, name, [&](qint64 done, qint64) {
        if (!killed && done >= 8 * MiB) {
            killed = true;
            connectionPids = m_server->connectionPids();
            m_server->killAll();
            clock.start();
        }
    });
    QVERIFY(killed);
    QVERIFY(!connectionPids.isEmpty()); // the copy's own connection was among those killed
    QVERIFY(!m_server->isRunning());
    qInfo().noquote() << "after the kill:" << put.message;
    QCOMPARE(put.kind, CopyErrorKind::ConnectionLost);
    QVERIFY2(clock.elapsed() < 10000, qPrintable(QString::number(clock.elapsed())));
    QVERIFY2(put.message.contains(name), qPrintable(put.message));
    QVERIFY(!QFile::exists(remotePath(name)));
    const QStringList leftovers = partsIn(m_server->remoteDir());
    QCOMPARE(leftovers.size(), 1); // the dead server could not be asked to delete it
    QVERIFY(leftovers.first().startsWith(QStringLiteral(".killed.tar.gz.part-")));

    // While the server is down, a retry fails fast as Unreachable.
    QCOMPARE(target.put(local, name).kind, CopyErrorKind::Unreachable);

    QString error;
    QVERIFY2(m_server->restart(&error), qPrintable(error));
    const CopyResult retried = target.put(local, name);
    QVERIFY2(retried.ok(), qPrintable(retried.message));
    QVERIFY(test::sameContent(local, remotePath(name)));
    QCOMPARE(entriesOf(m_server->remoteDir()), QStringList{name}); // the leftover is gone
}

QTEST_GUILESS_MAIN(TestSftpTarget)
#include "tst_sftp_target.moc"
