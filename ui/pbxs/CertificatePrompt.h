#pragma once

#include <QDialog>

namespace pbxvault {

// Asks whether to trust a PBX's certificate: a self-signed one seen for the first time, or
// one that differs from the certificate trusted before (shown as a warning with both
// fingerprints). Accepted = trust the presented fingerprint.
class CertificatePrompt : public QDialog
{
    Q_OBJECT
public:
    // pinned empty: first contact; otherwise the certificate changed.
    CertificatePrompt(const QString &pbxName, const QString &host, const QString &presented,
                      const QString &pinned, QWidget *parent = nullptr);
    QString presentedFingerprint() const { return m_presented; }

    // "AB:CD:…" split into two lines of 16 bytes, so it can be compared by eye.
    static QString displayFingerprint(const QString &hex);

private:
    QString m_presented;
};

} // namespace pbxvault
