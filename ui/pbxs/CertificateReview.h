#pragma once

#include <QObject>
#include <QPointer>

class QWidget;

namespace pbxvault {

class Job;
class MessageBar;
class Operations;
struct PbxError;

// "Review certificate…" for a saved PBX: contacts it, and when its certificate is not trusted
// (self-signed, or different from the pinned one) shows the same fingerprint prompt as Test
// connection; trusting pins the presented fingerprint through Operations. Deletes itself when
// done.
class CertificateReview : public QObject
{
    Q_OBJECT
public:
    // parent: the widget the prompt is shown over.
    static CertificateReview *start(Operations &ops, qint64 pbxId, QWidget *parent);

    // True for the failures a certificate review resolves.
    static bool isCertificateProblem(const PbxError &error);
    // Adds "Review certificate…" to bar when job failed on the PBX's certificate; the bar
    // should already show the failure.
    static void offerOn(MessageBar *bar, Operations &ops, const Job &job);

Q_SIGNALS:
    // ok: the PBX answered (maybe after trusting); message: operator-readable outcome.
    void finished(bool ok, const QString &message);
    void trusted(qint64 pbxId);

private:
    CertificateReview(Operations &ops, qint64 pbxId, QWidget *parent);
    void test();
    void onTestFinished(Job *job);
    void askToTrust(const PbxError &error);
    void finish(bool ok, const QString &message);

    Operations &m_ops;
    qint64 m_pbxId;
    QPointer<QWidget> m_parent;
    bool m_trustedOnce = false;
};

} // namespace pbxvault
