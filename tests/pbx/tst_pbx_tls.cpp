// Certificate trust: untrusted without a pin, accepted with the right pin, refused when the
// pin differs (self-signed or CA-valid), plain http only when chosen.
#include "PbxTestUtil.h"
#include "TestCertificate.h"
#include "TestDirs.h"
#include "pbx/PbxClient.h"

#include <QSslConfiguration>
#include <QTest>

using namespace pbxvault;
using namespace pbxvault::test;

class TestPbxTls : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        LogCapture::install();
        m_sim = std::make_unique<PbxSim>(simOptions());
        QVERIFY(startSim(*m_sim));
        QString cert, key, error;
        QVERIFY2(
            TestCertificate::generate(m_otherDir.path(), &cert, &key, &m_otherFingerprint, &error),
            qPrintable(error));
        QVERIFY(m_otherFingerprint != m_sim->fingerprint());
    }

    void untrustedWithoutPin()
    {
        PbxClient client(connectionTo(*m_sim, false));
        PbxCall *call = client.fetchFirmware();
        QVERIFY(waitFinished(call));
        const PbxError &e = call->error();
        QCOMPARE(e.kind, PbxErrorKind::TlsUntrusted);
        QCOMPARE(e.presentedFingerprint, m_sim->fingerprint());
        QVERIFY(!e.isTransient());
        QVERIFY2(e.message.contains(QLatin1String("certificate is not trusted")),
                 qPrintable(e.message));
        QVERIFY2(e.message.contains(PbxClient::formatFingerprint(m_sim->fingerprint())),
                 qPrintable(e.message));
        QVERIFY(e.message.contains(QLatin1String("verify it")));
        QVERIFY(e.message.contains(QLatin1String("trust it")));
    }

    void pinned_data()
    {
        QTest::addColumn<bool>("colons");
        QTest::newRow("lowercase hex") << false;
        QTest::newRow("AB:CD form") << true;
    }
    void pinned()
    {
        QFETCH(bool, colons);
        PbxConnection c = connectionTo(*m_sim);
        if (colons)
            c.pinnedFingerprint = PbxClient::formatFingerprint(m_sim->fingerprint());
        PbxClient client(c);
        PbxCall *call = client.listBackups();
        QVERIFY(waitFinished(call));
        QVERIFY2(call->ok(), qPrintable(call->error().message));
        QCOMPARE(call->peerFingerprint(), m_sim->fingerprint());
    }

    void changedSelfSigned()
    {
        PbxConnection c = connectionTo(*m_sim);
        c.pinnedFingerprint = m_otherFingerprint;
        PbxClient client(c);
        PbxCall *call = client.fetchFirmware();
        QVERIFY(waitFinished(call));
        checkChanged(call);
    }

    void plainHttpWhenChosen()
    {
        PbxSimOptions options = simOptions();
        options.tls = false;
        PbxSim plain(options);
        QVERIFY(startSim(plain));
        QCOMPARE(plain.url().scheme(), QStringLiteral("http"));
        PbxClient client(connectionTo(plain, false));
        PbxCall *call = client.fetchFirmware();
        QVERIFY(waitFinished(call));
        QVERIFY2(call->ok(), qPrintable(call->error().message));
        QVERIFY(call->peerFingerprint().isEmpty());
        const QString warning =
            QStringLiteral("127.0.0.1:%1 is reached over plain HTTP").arg(plain.port());
        QCOMPARE(LogCapture::matching(warning).size(), 1);
        PbxClient again(connectionTo(plain, false)); // warned once per address
        QCOMPARE(LogCapture::matching(warning).size(), 1);
    }

    // Once the certificate validates against a trusted CA, a different pin still refuses it;
    // without a pin it is accepted. Runs last: it changes the process-wide TLS defaults.
    void changedButChainValid()
    {
        QSslConfiguration config = QSslConfiguration::defaultConfiguration();
        const QList<QSslCertificate> certs = QSslCertificate::fromPath(m_sim->certPath());
        QCOMPARE(certs.size(), 1);
        config.addCaCertificate(certs.first());
        QSslConfiguration::setDefaultConfiguration(config);

        PbxClient trusted(connectionTo(*m_sim, false));
        PbxCall *ok = trusted.fetchFirmware();
        QVERIFY(waitFinished(ok));
        QVERIFY2(ok->ok(), qPrintable(ok->error().message));
        QCOMPARE(ok->peerFingerprint(), m_sim->fingerprint());

        PbxConnection c = connectionTo(*m_sim);
        c.pinnedFingerprint = m_otherFingerprint;
        PbxClient client(c);
        PbxCall *call = client.listBackups();
        QVERIFY(waitFinished(call));
        checkChanged(call);
    }

    void cleanupTestCase() { m_sim.reset(); }

private:
    void checkChanged(const PbxCall *call)
    {
        const PbxError &e = call->error();
        QCOMPARE(e.kind, PbxErrorKind::TlsChanged);
        QCOMPARE(e.presentedFingerprint, m_sim->fingerprint());
        QCOMPARE(e.pinnedFingerprint, m_otherFingerprint);
        QVERIFY(!e.isTransient());
        QVERIFY2(e.message.contains(QLatin1String("certificate has changed")),
                 qPrintable(e.message));
        QVERIFY2(e.message.contains(PbxClient::formatFingerprint(m_otherFingerprint)),
                 qPrintable(e.message));
        QVERIFY2(e.message.contains(PbxClient::formatFingerprint(m_sim->fingerprint())),
                 qPrintable(e.message));
    }

    std::unique_ptr<PbxSim> m_sim;
    TestDir m_otherDir;
    QString m_otherFingerprint;
};

QTEST_GUILESS_MAIN(TestPbxTls)
#include "tst_pbx_tls.moc"
