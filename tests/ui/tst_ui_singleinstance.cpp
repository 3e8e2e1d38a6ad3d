// One PBX Vault per data directory: two SingleInstance objects in this process, then the
// real pbxvault executable launched several times (offscreen): a second launch is refused
// and brings the first one's window forward, another --data-dir is independent, and the lock
// of a killed instance is taken over.
#include "SingleInstance.h"
#include "TestDirs.h"

#include <QApplication>
#include <QDir>
#include <QProcess>
#include <QSignalSpy>
#include <QTest>

#include <memory>

using namespace pbxvault;
using namespace pbxvault::test;

namespace {
// A pbxvault GUI process whose log lines are collected as they come.
class Launch
{
public:
    Launch(const QString &dataDir, const QString &runtimeDir, const QStringList &extra = {})
    {
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
        env.insert(QStringLiteral("QT_LOGGING_RULES"), QStringLiteral("pbxvault.ui.info=true"));
        env.insert(QStringLiteral("XDG_RUNTIME_DIR"), runtimeDir);
        m_process.setProcessEnvironment(env);
        QObject::connect(&m_process, &QProcess::readyReadStandardError, &m_process,
                         [this] { m_log += QString::fromUtf8(m_process.readAllStandardError()); });
        m_process.setProcessChannelMode(QProcess::SeparateChannels);
        m_process.start(QStringLiteral(PBXVAULT_PATH),
                        QStringList{QStringLiteral("--data-dir"), dataDir} + extra);
    }
    ~Launch()
    {
        if (m_process.state() != QProcess::NotRunning) {
            m_process.kill();
            m_process.waitForFinished(10000);
        }
    }
    QProcess &process() { return m_process; }
    const QString &log() const { return m_log; }
    int count(const QString &line) const { return m_log.count(line); }

private:
    QProcess m_process;
    QString m_log;
};

const auto kListening = QStringLiteral("Single instance: listening on");
const auto kShowRequested = QStringLiteral("Show requested by a second launch");
} // namespace

class TestUiSingleInstance : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void keyIsPerDataDirectory()
    {
        TestDir dir;
        const QString a = dir.filePath(QStringLiteral("a"));
        const QString b = dir.filePath(QStringLiteral("b"));
        QVERIFY(SingleInstance::keyFor(a) != SingleInstance::keyFor(b));
        QVERIFY(SingleInstance::keyFor(a).startsWith(QStringLiteral("pbxvault-")));
        QCOMPARE(SingleInstance::keyFor(a), SingleInstance::keyFor(a + QStringLiteral("/")));
        QCOMPARE(SingleInstance::keyFor(a),
                 SingleInstance::keyFor(dir.filePath(QStringLiteral("b/../a"))));
        // The same before and after the folder exists, and through a symbolic link.
        const QString before = SingleInstance::keyFor(a);
        QVERIFY(QDir().mkpath(a));
        QCOMPARE(SingleInstance::keyFor(a), before);
        const QString link = dir.filePath(QStringLiteral("link"));
        QVERIFY(QFile::link(a, link));
        QCOMPARE(SingleInstance::keyFor(link), before);
        // Relative paths are taken from the current folder.
        const QString cwd = QDir::currentPath();
        QVERIFY(QDir::setCurrent(dir.path()));
        QCOMPARE(SingleInstance::keyFor(QStringLiteral("a")), before);
        QVERIFY(QDir::setCurrent(cwd));
    }

    void secondInstanceIsRefusedAndFirstShows()
    {
        TestDir data, runtime;
        auto first = std::make_unique<SingleInstance>(data.path(), runtime.path());
        QVERIFY2(first->tryBecomePrimary(), qPrintable(first->errorString()));
        QVERIFY(first->isPrimary());
        QSignalSpy shows(first.get(), &SingleInstance::showRequested);

        SingleInstance second(data.path(), runtime.path());
        QVERIFY(!second.tryBecomePrimary());
        QVERIFY(second.otherInstanceRunning());
        QVERIFY(!second.isPrimary());
        QSignalSpy delivered(&second, &SingleInstance::delivered);
        QSignalSpy failed(&second, &SingleInstance::deliveryFailed);
        second.notifyPrimary();
        QVERIFY(delivered.wait(10000));
        QCOMPARE(shows.size(), 1);
        QCOMPARE(failed.size(), 0);

        // Once the first is gone, the folder is free again.
        SingleInstance third(data.path(), runtime.path());
        QVERIFY(!third.tryBecomePrimary());
        first.reset();
        QVERIFY(third.tryBecomePrimary());
    }

    void otherDataDirectoryIsIndependent()
    {
        TestDir a, b, runtime;
        SingleInstance first(a.path(), runtime.path());
        SingleInstance second(b.path(), runtime.path());
        QVERIFY(first.tryBecomePrimary());
        QVERIFY(second.tryBecomePrimary());
        QVERIFY(first.serverName() != second.serverName());
    }

    void nobodyListeningFailsTheDelivery()
    {
        TestDir data, runtime;
        SingleInstance lonely(data.path(), runtime.path());
        QSignalSpy failed(&lonely, &SingleInstance::deliveryFailed);
        lonely.notifyPrimary();
        QVERIFY(failed.wait(20000));
        QVERIFY(!lonely.errorString().isEmpty());
    }

    void realProcesses()
    {
        TestDir data, other, runtime;
        auto first = std::make_unique<Launch>(data.path(), runtime.path());
        QTRY_VERIFY2_WITH_TIMEOUT(first->count(kListening) == 1, qPrintable(first->log()), 30000);

        // A second launch on the same folder asks the first to show its window and exits 0.
        {
            Launch second(data.path(), runtime.path());
            QVERIFY(second.process().waitForFinished(30000));
            QCOMPARE(second.process().exitStatus(), QProcess::NormalExit);
            QCOMPARE(second.process().exitCode(), 0);
            QCOMPARE(second.count(kListening), 0);
        }
        QTRY_COMPARE_WITH_TIMEOUT(first->count(kShowRequested), 1, 10000);

        // Started at login while already running: exits quietly, no window.
        {
            Launch atLogin(data.path(), runtime.path(), {QStringLiteral("--tray")});
            QVERIFY(atLogin.process().waitForFinished(30000));
            QCOMPARE(atLogin.process().exitCode(), 0);
        }

        // Another data directory is another instance.
        {
            Launch elsewhere(other.path(), runtime.path());
            QTRY_VERIFY2_WITH_TIMEOUT(elsewhere.count(kListening) == 1, qPrintable(elsewhere.log()),
                                      30000);
            QCOMPARE(elsewhere.process().state(), QProcess::Running);
        }

        // A crashed first instance leaves its lock and socket behind: the next launch takes
        // them over and becomes the instance others talk to.
        first->process().kill();
        QVERIFY(first->process().waitForFinished(10000));
        first.reset();
        Launch next(data.path(), runtime.path());
        QTRY_VERIFY2_WITH_TIMEOUT(next.count(kListening) == 1, qPrintable(next.log()), 30000);
        {
            Launch again(data.path(), runtime.path());
            QVERIFY(again.process().waitForFinished(30000));
            QCOMPARE(again.process().exitCode(), 0);
        }
        QTRY_COMPARE_WITH_TIMEOUT(next.count(kShowRequested), 1, 10000);
    }
};

QTEST_MAIN(TestUiSingleInstance)
#include "tst_ui_singleinstance.moc"
