// Registers the first COUNT PBXs of a pbxsim fleet manifest in a catalog, for bench-fleet.sh:
// each with its password in the keychain (KeychainSecretStore, under the key the app reads)
// and the same daily schedule, at the minute this tool ends, with the previous day's slot
// marked handled. A daemon started within the scheduler's catch-up grace (10 minutes) then
// finds exactly one slot due for each PBX and runs it as a Scheduled backup.
// `pbxvault pbx add` does the same one process per PBX; this is its bulk form.
// Usage: bench_fleet_register CATALOG MANIFEST COUNT [--in-flight N]
#include "catalog/Catalog.h"
#include "secrets/SecretStore.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLoggingCategory>
#include <QTextStream>
#include <QTimeZone>

#include <functional>
#include <optional>

using namespace pbxvault;

namespace {

struct FleetPbx
{
    PbxRecord record;
    QString password;
};

std::optional<QVector<FleetPbx>> readManifest(const QString &path, int count, QString *error)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        *error = QStringLiteral("cannot read %1: %2").arg(path, file.errorString());
        return std::nullopt;
    }
    const QJsonArray entries =
        QJsonDocument::fromJson(file.readAll()).object().value(QStringLiteral("pbxs")).toArray();
    if (entries.size() < count) {
        *error =
            QStringLiteral("the manifest lists %1 PBXs, %2 wanted").arg(entries.size()).arg(count);
        return std::nullopt;
    }
    QVector<FleetPbx> fleet;
    fleet.reserve(count);
    for (int i = 0; i < count; ++i) {
        const QJsonObject e = entries.at(i).toObject();
        FleetPbx pbx;
        pbx.record.name = e.value(QStringLiteral("name")).toString();
        pbx.record.url = QUrl(e.value(QStringLiteral("url")).toString());
        pbx.record.tenant = e.value(QStringLiteral("domain")).toString();
        pbx.record.username = e.value(QStringLiteral("username")).toString();
        pbx.record.fingerprint =
            e.value(QStringLiteral("fingerprint")).toString().toLower().remove(QLatin1Char(':'));
        pbx.record.role = PbxRole::Secondary;
        pbx.password = e.value(QStringLiteral("password")).toString();
        if (pbx.record.name.isEmpty() || !pbx.record.url.isValid() || pbx.password.isEmpty()) {
            *error = QStringLiteral("manifest entry %1 lacks a name, url or password").arg(i + 1);
            return std::nullopt;
        }
        fleet.append(pbx);
    }
    return fleet;
}

// Keeps up to inFlight keychain writes pending at once; false at the first failure.
bool storePasswords(SecretStore &store, const QString &catalogId, const QVector<FleetPbx> &fleet,
                    int inFlight, QString *error)
{
    QEventLoop loop;
    int next = 0;
    int pending = 0;
    int written = 0;
    std::function<void()> pump = [&] {
        while (error->isEmpty() && pending < inFlight && next < fleet.size()) {
            const FleetPbx &pbx = fleet.at(next++);
            ++pending;
            store.writeSecret(SecretStore::pbxPasswordKey(catalogId, pbx.record.id), pbx.password,
                              &loop, [&, name = pbx.record.name](const SecretResult &result) {
                                  --pending;
                                  if (result.ok())
                                      ++written;
                                  else if (error->isEmpty())
                                      *error = QStringLiteral("keychain write for %1 failed: %2")
                                                   .arg(name, result.message);
                                  if (pending == 0 && (!error->isEmpty() || next == fleet.size()))
                                      loop.quit();
                                  else
                                      pump();
                              });
        }
    };
    pump();
    if (pending > 0)
        loop.exec();
    return error->isEmpty() && written == fleet.size();
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QLoggingCategory::setFilterRules(QStringLiteral("pbxvault.*.debug=false"));
    QStringList args = app.arguments();
    int inFlight = 8;
    const qsizetype inFlightAt = args.indexOf(QStringLiteral("--in-flight"));
    if (inFlightAt > 0 && inFlightAt + 1 < args.size()) {
        inFlight = qMax(1, args.at(inFlightAt + 1).toInt());
        args.remove(inFlightAt, 2);
    }
    bool countOk = false;
    const int count = args.size() == 4 ? args.at(3).toInt(&countOk) : 0;
    if (!countOk || count < 1) {
        QTextStream(stderr)
            << "usage: bench_fleet_register CATALOG MANIFEST COUNT [--in-flight N]\n";
        return 2;
    }
    QTextStream out(stdout);
    QTextStream err(stderr);

    QString error;
    const std::optional<QVector<FleetPbx>> manifest = readManifest(args.at(2), count, &error);
    if (!manifest) {
        err << error << '\n';
        return 1;
    }
    QVector<FleetPbx> fleet = *manifest;
    std::unique_ptr<Catalog> catalog = Catalog::open(args.at(1), &error);
    if (!catalog) {
        err << error << '\n';
        return 1;
    }

    QElapsedTimer timer;
    timer.start();
    const QDateTime createdAt = QDateTime::currentDateTimeUtc();
    for (FleetPbx &pbx : fleet) {
        pbx.record.createdAt = createdAt;
        if (!catalog->addPbx(&pbx.record)) {
            err << "cannot add " << pbx.record.name << ": " << catalog->lastError() << '\n';
            return 1;
        }
    }
    const qint64 addMs = timer.restart();

    KeychainSecretStore keychain;
    if (!storePasswords(keychain, catalog->catalogId(), fleet, inFlight, &error)) {
        err << error << '\n';
        return 1;
    }
    const qint64 keychainMs = timer.restart();

    // The slot of this minute, in the zone the daemons schedule in (the system's).
    const QDateTime now = QDateTime::currentDateTime();
    const QDateTime slot(now.date(), QTime(now.time().hour(), now.time().minute()),
                         QTimeZone::systemTimeZone());
    const QString cron =
        QStringLiteral("%1 %2 * * *").arg(slot.time().minute()).arg(slot.time().hour());
    const QDateTime handled = slot.addDays(-1).toUTC();
    for (FleetPbx &pbx : fleet) {
        pbx.record.schedule = cron;
        if (!catalog->updatePbx(pbx.record) ||
            !catalog->setLastScheduledRun(pbx.record.id, handled)) {
            err << "cannot schedule " << pbx.record.name << ": " << catalog->lastError() << '\n';
            return 1;
        }
    }
    const qint64 scheduleMs = timer.elapsed();

    out << "registered " << count << " PBXs: catalog rows " << addMs << " ms, keychain "
        << keychainMs << " ms (" << inFlight << " in flight), schedules " << scheduleMs
        << " ms; schedule \"" << cron << "\", due slot " << slot.toUTC().toString(Qt::ISODate)
        << '\n';
    return 0;
}
