#include "CertificatePrompt.h"

#include "Icons.h"
#include "pbx/PbxClient.h"

#include <QDialogButtonBox>
#include <QFontDatabase>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

namespace pbxvault {

namespace {
QLabel *fingerprintLabel(const QString &hex, QWidget *parent, const char *objectName)
{
    auto *label = new QLabel(CertificatePrompt::displayFingerprint(hex), parent);
    label->setObjectName(QLatin1String(objectName));
    label->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    return label;
}
} // namespace

QString CertificatePrompt::displayFingerprint(const QString &hex)
{
    const QString formatted = PbxClient::formatFingerprint(hex);
    // 32 bytes as "AB:" = 95 characters; break after the 16th byte's colon.
    if (formatted.size() > 48)
        return formatted.left(48) + QLatin1Char('\n') + formatted.mid(48);
    return formatted;
}

CertificatePrompt::CertificatePrompt(const QString &pbxName, const QString &host,
                                     const QString &presented, const QString &pinned,
                                     QWidget *parent)
    : QDialog(parent), m_presented(presented)
{
    const bool changed = !pinned.isEmpty();
    setObjectName(QStringLiteral("certificatePrompt"));
    setWindowTitle(changed ? tr("Certificate changed") : tr("Unknown certificate"));

    auto *icon = new QLabel(this);
    icon->setPixmap((changed ? Icons::failure() : Icons::warning()).pixmap(32, 32));
    auto *text = new QLabel(this);
    text->setObjectName(QStringLiteral("certificateText"));
    text->setWordWrap(true);
    if (changed) {
        text->setText(
            tr("<b>The certificate of %1 (%2) has changed.</b><br>This happens when the PBX "
               "got a new certificate — or when someone is intercepting the connection. Trust "
               "the new certificate only if you know it was replaced; ask the PBX's "
               "administrator if in doubt.")
                .arg(pbxName.toHtmlEscaped(), host.toHtmlEscaped()));
    } else {
        text->setText(tr("<b>%1 (%2) presents a certificate no authority vouches for.</b><br>"
                         "PBXs often use a self-signed certificate. Compare this SHA-256 "
                         "fingerprint with the one shown in the PBX's web interface; if they "
                         "match, trust it and PBX Vault will accept only this certificate "
                         "from now on.")
                          .arg(pbxName.toHtmlEscaped(), host.toHtmlEscaped()));
    }

    auto *fingerprints = new QFormLayout;
    if (changed) {
        fingerprints->addRow(tr("Trusted until now:"),
                             fingerprintLabel(pinned, this, "pinnedFingerprint"));
        fingerprints->addRow(tr("Presented now:"),
                             fingerprintLabel(presented, this, "presentedFingerprint"));
    } else {
        fingerprints->addRow(tr("SHA-256:"),
                             fingerprintLabel(presented, this, "presentedFingerprint"));
    }

    auto *buttons = new QDialogButtonBox(this);
    auto *trust = buttons->addButton(changed ? tr("&Trust the new certificate")
                                             : tr("&Trust this certificate"),
                                     QDialogButtonBox::AcceptRole);
    trust->setObjectName(QStringLiteral("trustButton"));
    auto *reject = buttons->addButton(tr("&Don't trust"), QDialogButtonBox::RejectRole);
    reject->setObjectName(QStringLiteral("dontTrustButton"));
    // Enter must never mean "trust": only a deliberate click or Alt+T trusts.
    trust->setAutoDefault(false);
    reject->setAutoDefault(true);
    reject->setDefault(true);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto *top = new QHBoxLayout;
    top->addWidget(icon, 0, Qt::AlignTop);
    auto *right = new QVBoxLayout;
    right->addWidget(text);
    right->addLayout(fingerprints);
    top->addLayout(right, 1);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addWidget(buttons);
    setMinimumWidth(560);
    reject->setFocus();
}

} // namespace pbxvault
