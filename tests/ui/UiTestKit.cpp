#include "UiTestKit.h"

#include "fakes/MemorySecretStore.h"

#include <QFile>

namespace pbxvault::test {

UiTestVault::UiTestVault(SecretStore *secrets) : m_secrets(secrets)
{
    if (!m_secrets) {
        m_ownSecrets = std::make_unique<MemorySecretStore>();
        m_secrets = m_ownSecrets.get();
    }
}

UiTestVault::~UiTestVault()
{
    m_ops.reset();
    m_vault.reset();
}

bool UiTestVault::open(QString *error)
{
    if (!m_dir.isValid()) {
        *error = QStringLiteral("no temporary directory");
        return false;
    }
    m_vault = Vault::open(m_dir.path(), m_secrets, error);
    if (!m_vault)
        return false;
    m_ops = std::make_unique<Operations>(*m_vault);
    m_settings = std::make_unique<AppSettings>(m_dir.path());
    return true;
}

PbxRecord makePbx(const QString &name, PbxRole role, const QString &url)
{
    PbxRecord pbx;
    pbx.name = name;
    pbx.url = QUrl(url);
    pbx.username = QStringLiteral("admin");
    pbx.role = role;
    pbx.createdAt = QDateTime::currentDateTimeUtc();
    return pbx;
}

QVector<BackupRecord> makeBackups(int count, const QVector<PbxRecord> &pbxs,
                                  const QDateTime &newestUtc)
{
    QVector<BackupRecord> out;
    out.reserve(count);
    for (int i = 0; i < count; ++i) {
        const PbxRecord &pbx = pbxs.at(i % pbxs.size());
        BackupRecord b;
        b.pbxId = pbx.id;
        b.createdAt = newestUtc.addSecs(-3600LL * i);
        b.filename = QStringLiteral("%1_%2_4.9.4.bak")
                         .arg(pbx.name, b.createdAt.toString(QStringLiteral("yyyyMMdd-HHmmss")));
        b.size = 180000 + (qint64(i) * 7919) % 9000000;
        b.sha256 = QStringLiteral("%1").arg(i, 64, 16, QLatin1Char('0'));
        b.masterIp = QStringLiteral("192.0.2.%1").arg(1 + (i % pbxs.size()));
        b.tenant = pbx.tenant;
        b.path = QStringLiteral("/nonexistent/%1").arg(b.filename);
        b.firmware = QStringLiteral("4.9.4");
        b.origin = i % 5 == 0 ? BackupOrigin::Manual : BackupOrigin::Scheduled;
        out.append(b);
    }
    return out;
}

namespace {
void putOctal(QByteArray &header, int offset, int width, qint64 value)
{
    const QByteArray digits = QByteArray::number(value, 8).rightJustified(width - 1, '0');
    header.replace(offset, width - 1, digits);
    header[offset + width - 1] = '\0';
}
} // namespace

bool writeTarArchive(const QString &path, const QList<QPair<QString, QByteArray>> &members)
{
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return false;
    for (const auto &[name, content] : members) {
        QByteArray header(512, '\0');
        const QByteArray n = name.toUtf8().left(99);
        header.replace(0, n.size(), n);
        putOctal(header, 100, 8, 0644);
        putOctal(header, 108, 8, 0);
        putOctal(header, 116, 8, 0);
        putOctal(header, 124, 12, content.size());
        putOctal(header, 136, 12, 1700000000);
        header.replace(148, 8, QByteArray(8, ' '));
        header[156] = '0';
        header.replace(257, 6, QByteArray("ustar\0", 6));
        header.replace(263, 2, "00");
        int sum = 0;
        for (char c : std::as_const(header))
            sum += static_cast<unsigned char>(c);
        const QByteArray checksum = QByteArray::number(sum, 8).rightJustified(6, '0');
        header.replace(148, 6, checksum);
        header[154] = '\0';
        header[155] = ' ';
        file.write(header);
        file.write(content);
        const int pad = (512 - content.size() % 512) % 512;
        file.write(QByteArray(pad, '\0'));
    }
    file.write(QByteArray(1024, '\0'));
    return file.error() == QFileDevice::NoError;
}

QPalette darkPalette()
{
    QPalette p;
    p.setColor(QPalette::Window, QColor(0x2b, 0x2b, 0x2b));
    p.setColor(QPalette::WindowText, QColor(0xe8, 0xe8, 0xe8));
    p.setColor(QPalette::Base, QColor(0x1e, 0x1e, 0x1e));
    p.setColor(QPalette::AlternateBase, QColor(0x26, 0x26, 0x26));
    p.setColor(QPalette::Text, QColor(0xe8, 0xe8, 0xe8));
    p.setColor(QPalette::Button, QColor(0x3a, 0x3a, 0x3a));
    p.setColor(QPalette::ButtonText, QColor(0xe8, 0xe8, 0xe8));
    p.setColor(QPalette::Highlight, QColor(0x3d, 0x6e, 0xb4));
    p.setColor(QPalette::HighlightedText, Qt::white);
    p.setColor(QPalette::PlaceholderText, QColor(0x9a, 0x9a, 0x9a));
    return p;
}

} // namespace pbxvault::test
