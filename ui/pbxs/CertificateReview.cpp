#include "CertificateReview.h"

#include "CertificatePrompt.h"
#include "MessageBar.h"
#include "UiLog.h"
#include "ops/Job.h"
#include "ops/Operations.h"

#include <QPushButton>
#include <QWidget>

namespace pbxvault {

CertificateReview::CertificateReview(Operations &ops, qint64 pbxId, QWidget *parent)
    : QObject(parent), m_ops(ops), m_pbxId(pbxId), m_parent(parent)
{}

CertificateReview *CertificateReview::start(Operations &ops, qint64 pbxId, QWidget *parent)
{
    auto *review = new CertificateReview(ops, pbxId, parent);
    review->test();
    return review;
}

bool CertificateReview::isCertificateProblem(const PbxError &error)
{
    return (error.kind == PbxErrorKind::TlsUntrusted || error.kind == PbxErrorKind::TlsChanged) &&
           !error.presentedFingerprint.isEmpty();
}

void CertificateReview::offerOn(MessageBar *bar, Operations &ops, const Job &job)
{
    if (!bar || !isCertificateProblem(job.pbxError()) || !job.pbxId())
        return;
    const qint64 pbxId = job.pbxId();
    QPushButton *button = bar->addButton(tr("Review certificate…"));
    button->setObjectName(QStringLiteral("reviewCertificateButton"));
    QObject::connect(button, &QPushButton::clicked, bar, [bar, &ops, pbxId] {
        CertificateReview *review = start(ops, pbxId, bar->window());
        QObject::connect(
            review, &CertificateReview::finished, bar, [bar](bool ok, const QString &message) {
                bar->showMessage(ok ? MessageBar::Success : MessageBar::Error, message);
            });
    });
}

void CertificateReview::test()
{
    Job *job = m_ops.testConnection(m_pbxId);
    connect(job, &Job::finished, this, [this, job] { onTestFinished(job); });
}

void CertificateReview::onTestFinished(Job *job)
{
    job->deleteLater();
    const auto pbx = m_ops.vault().catalog().pbx(m_pbxId);
    const QString name = pbx ? pbx->name : QString();
    if (job->ok()) {
        finish(true, m_trustedOnce ? tr("Certificate trusted: %1 answered.").arg(name)
                                   : tr("%1 answered: firmware %2.").arg(name, job->firmware()));
        return;
    }
    const PbxError error = job->pbxError();
    // Trusting once and still being refused would loop: report instead.
    if (!m_trustedOnce && pbx && isCertificateProblem(error) && m_parent) {
        askToTrust(error);
        return;
    }
    finish(false, tr("%1: %2").arg(name, job->errorMessage()));
}

void CertificateReview::askToTrust(const PbxError &error)
{
    const auto pbx = m_ops.vault().catalog().pbx(m_pbxId);
    const QString pinned =
        error.kind == PbxErrorKind::TlsChanged
            ? (error.pinnedFingerprint.isEmpty() ? pbx->fingerprint : error.pinnedFingerprint)
            : QString();
    auto *prompt = new CertificatePrompt(pbx->name, pbx->url.host(), error.presentedFingerprint,
                                         pinned, m_parent);
    prompt->setAttribute(Qt::WA_DeleteOnClose);
    const QString presented = error.presentedFingerprint;
    connect(prompt, &QDialog::accepted, this, [this, presented] {
        QString problem;
        if (!m_ops.trustFingerprint(m_pbxId, presented, &problem)) {
            finish(false, problem);
            return;
        }
        qCInfo(lcUi) << "Certificate trusted for PBX" << m_pbxId;
        m_trustedOnce = true;
        Q_EMIT trusted(m_pbxId);
        test();
    });
    connect(prompt, &QDialog::rejected, this, [this] {
        finish(false, tr("The certificate was not trusted; backups of this PBX will fail until "
                         "it is."));
    });
    prompt->open();
}

void CertificateReview::finish(bool ok, const QString &message)
{
    Q_EMIT finished(ok, message);
    deleteLater();
}

} // namespace pbxvault
