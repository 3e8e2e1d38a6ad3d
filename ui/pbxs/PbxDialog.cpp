#include "PbxDialog.h"

#include "CertificatePrompt.h"
#include "CertificateReview.h"
#include "Icons.h"
#include "ScheduleEditor.h"
#include "UiLog.h"
#include "common/Labels.h"
#include "ops/Operations.h"
#include "schedule/SchedulePreset.h"

#include <QCheckBox>
#include <QComboBox>
#include <QCryptographicHash>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QScreen>
#include <QSpinBox>
#include <QVBoxLayout>

#include <utility>

namespace pbxvault {

namespace {
QWidget *withMessage(QWidget *field, QLabel *message, QWidget *parent)
{
    auto *box = new QWidget(parent);
    auto *layout = new QVBoxLayout(box);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);
    layout->addWidget(field);
    if (message)
        layout->addWidget(message);
    return box;
}

void showResult(QLabel *label, const QString &text, const char *color)
{
    label->setText(text);
    label->setStyleSheet(QStringLiteral("color:%1;").arg(QLatin1String(color)));
    label->setVisible(!text.isEmpty());
}

// Messages are plain text: an error quoting "<…>" from a server must not turn into markup
// (and vanish).
QLabel *messageLabel(QWidget *parent, const char *objectName)
{
    auto *label = new QLabel(parent);
    label->setObjectName(QLatin1String(objectName));
    label->setTextFormat(Qt::PlainText);
    label->setWordWrap(true);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    label->hide();
    return label;
}

const QTime kDefaultBackupTime(2, 0);
} // namespace

PbxDialog::PbxDialog(Operations &ops, const std::optional<PbxRecord> &existing, QWidget *parent)
    : QDialog(parent), m_ops(ops), m_existing(existing), m_name(new QLineEdit(this)),
      m_url(new QLineEdit(this)), m_tenant(new QLineEdit(this)), m_username(new QLineEdit(this)),
      m_password(new QLineEdit(this)), m_role(new QComboBox(this)),
      m_schedule(new ScheduleEditor(this)), m_keepLast(new QSpinBox(this)),
      m_keepDays(new QSpinBox(this)),
      m_keepOnlyChanged(
          new QCheckBox(tr("Keep only backups that differ from the previous one"), this)),
      m_nameError(errorLabel("nameError")), m_urlError(errorLabel("urlError")),
      m_tenantError(errorLabel("tenantError")), m_usernameError(errorLabel("usernameError")),
      m_passwordError(errorLabel("passwordError")), m_roleError(errorLabel("roleError")),
      m_retentionSummary(new QLabel(this)), m_test(new QPushButton(tr("&Test connection"), this)),
      m_testResult(messageLabel(this, "testResult")), m_saveError(messageLabel(this, "saveError")),
      m_save(new QPushButton(tr("&Save"), this)), m_cancel(new QPushButton(tr("Cancel"), this))
{
    const bool editing = existing.has_value();
    setObjectName(QStringLiteral("pbxDialog"));
    setWindowTitle(editing ? tr("Edit PBX") : tr("New PBX"));

    m_name->setObjectName(QStringLiteral("nameEdit"));
    m_name->setPlaceholderText(tr("e.g. Head office"));
    m_url->setObjectName(QStringLiteral("urlEdit"));
    m_url->setPlaceholderText(QStringLiteral("https://pbx.example.com"));
    m_url->setToolTip(tr("https:// is added when you leave it out."));
    m_tenant->setObjectName(QStringLiteral("tenantEdit"));
    m_username->setObjectName(QStringLiteral("usernameEdit"));
    m_password->setObjectName(QStringLiteral("passwordEdit"));
    m_password->setEchoMode(QLineEdit::Password);
    m_role->setObjectName(QStringLiteral("roleCombo"));
    m_role->addItem(tr("Master — the PBX normally backed up"), int(PbxRole::Master));
    m_role->addItem(tr("Secondary — a restore target, may also be backed up"),
                    int(PbxRole::Secondary));
    m_keepLast->setObjectName(QStringLiteral("keepLastSpin"));
    m_keepLast->setRange(0, 10000);
    m_keepLast->setSpecialValueText(tr("no limit"));
    m_keepLast->setSuffix(tr(" newest"));
    m_keepDays->setObjectName(QStringLiteral("keepDaysSpin"));
    m_keepDays->setRange(0, 3650);
    m_keepDays->setSpecialValueText(tr("no limit"));
    m_keepDays->setSuffix(tr(" days"));
    m_keepOnlyChanged->setObjectName(QStringLiteral("keepOnlyChangedCheck"));
    m_keepOnlyChanged->setToolTip(
        tr("A scheduled backup with no changes since the previous backup is verified, then "
           "discarded; the Activity log records it as unchanged. Backups you start by hand are "
           "always kept."));
    m_retentionSummary->setObjectName(QStringLiteral("retentionSummary"));
    m_retentionSummary->setWordWrap(true);
    m_retentionSummary->setStyleSheet(QStringLiteral("color:#5f6368;"));
    m_test->setObjectName(QStringLiteral("testConnectionButton"));
    m_test->setSizePolicy(QSizePolicy::Fixed, QSizePolicy::Fixed);
    m_save->setObjectName(QStringLiteral("saveButton"));
    m_save->setDefault(true);
    m_cancel->setObjectName(QStringLiteral("cancelButton"));

    const QVector<PbxRecord> pbxs = m_ops.vault().catalog().pbxs();
    if (editing) {
        const PbxRecord &pbx = *existing;
        m_name->setText(pbx.name);
        m_url->setText(pbx.url.toString());
        m_tenant->setText(pbx.tenant);
        m_username->setText(pbx.username);
        m_password->setPlaceholderText(tr("Leave empty to keep the stored password"));
        m_role->setCurrentIndex(m_role->findData(int(pbx.role)));
        m_schedule->setCron(pbx.schedule);
        m_scheduleTouched = true; // an existing schedule is the operator's choice
        m_keepLast->setValue(pbx.keepLast);
        m_keepDays->setValue(pbx.keepDays);
        m_keepOnlyChanged->setChecked(pbx.keepOnlyChanged);
        m_fingerprint = pbx.fingerprint;
    } else {
        m_tenant->setText(QStringLiteral("default"));
        m_url->setText(QStringLiteral("https://"));
        m_password->setPlaceholderText(tr("Stored in the system keychain"));
        bool hasMaster = false;
        for (const PbxRecord &pbx : pbxs)
            hasMaster = hasMaster || (pbx.role == PbxRole::Master && pbx.enabled);
        m_role->setCurrentIndex(
            m_role->findData(int(hasMaster ? PbxRole::Secondary : PbxRole::Master)));
        followRoleWithSchedule();
    }

    auto *connection = new QGroupBox(tr("Connection"), this);
    auto *connectionForm = new QFormLayout(connection);
    connectionForm->addRow(tr("Name:"), withMessage(m_name, m_nameError, connection));
    connectionForm->addRow(tr("Address:"), withMessage(m_url, m_urlError, connection));
    connectionForm->addRow(tr("Tenant:"), withMessage(m_tenant, m_tenantError, connection));
    connectionForm->addRow(tr("Username:"), withMessage(m_username, m_usernameError, connection));
    connectionForm->addRow(tr("Password:"), withMessage(m_password, m_passwordError, connection));
    // The result gets the full width below the button: long errors wrap instead of being cut.
    connectionForm->addRow(QString(), withMessage(m_test, m_testResult, connection));

    auto *backups = new QGroupBox(tr("Backups"), this);
    auto *backupsForm = new QFormLayout(backups);
    backupsForm->addRow(tr("Role:"), withMessage(m_role, m_roleError, backups));
    // The schedule editor shows its own problems under the field.
    backupsForm->addRow(tr("Schedule:"), withMessage(m_schedule, nullptr, backups));
    auto *retention = new QHBoxLayout;
    retention->addWidget(new QLabel(tr("keep by count:"), backups));
    retention->addWidget(m_keepLast);
    retention->addSpacing(12);
    retention->addWidget(new QLabel(tr("keep by age:"), backups));
    retention->addWidget(m_keepDays);
    retention->addStretch(1);
    backupsForm->addRow(tr("Retention:"), retention);
    backupsForm->addRow(QString(), m_retentionSummary);
    backupsForm->addRow(QString(), m_keepOnlyChanged);

    auto *buttons = new QHBoxLayout;
    buttons->addStretch(1);
    buttons->addWidget(m_cancel);
    buttons->addWidget(m_save);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(connection);
    layout->addWidget(backups);
    layout->addWidget(m_saveError);
    layout->addLayout(buttons);
    setMinimumWidth(640);
    updateRetentionSummary();

    connect(m_test, &QPushButton::clicked, this, [this] {
        if (m_testJob)
            cancelTest();
        else
            testConnection();
    });
    connect(m_save, &QPushButton::clicked, this, &PbxDialog::save);
    connect(m_cancel, &QPushButton::clicked, this, &QDialog::reject);
    // After the first attempt to save, messages follow the typing.
    auto revalidate = [this] {
        if (m_validatedOnce)
            showErrors(PbxFormValidator::validate(form(), m_ops.vault().catalog().pbxs()));
    };
    for (QLineEdit *edit : {m_name, m_url, m_tenant, m_username, m_password})
        connect(edit, &QLineEdit::textChanged, this, revalidate);
    connect(m_role, &QComboBox::currentIndexChanged, this, revalidate);
    connect(m_role, &QComboBox::currentIndexChanged, this, &PbxDialog::followRoleWithSchedule);
    connect(m_schedule, &ScheduleEditor::changed, this, [this] {
        if (!m_settingSchedule)
            m_scheduleTouched = true;
        growToFit();
    });
    connect(m_keepLast, &QSpinBox::valueChanged, this, &PbxDialog::updateRetentionSummary);
    connect(m_keepDays, &QSpinBox::valueChanged, this, &PbxDialog::updateRetentionSummary);
}

QLabel *PbxDialog::errorLabel(const char *objectName)
{
    QLabel *label = messageLabel(this, objectName);
    label->setStyleSheet(QStringLiteral("color:#c62828;"));
    return label;
}

PbxForm PbxDialog::form() const
{
    PbxForm f;
    f.id = m_existing ? m_existing->id : 0;
    f.name = m_name->text();
    f.url = m_url->text();
    f.tenant = m_tenant->text();
    f.username = m_username->text();
    f.password = m_password->text();
    f.role = PbxRole(m_role->currentData().toInt());
    f.scheduleError = m_schedule->error();
    return f;
}

PbxRecord PbxDialog::record() const
{
    PbxRecord pbx = m_existing.value_or(PbxRecord());
    pbx.name = m_name->text().trimmed();
    pbx.url = PbxFormValidator::normaliseUrl(m_url->text());
    pbx.tenant = m_tenant->text().trimmed();
    pbx.username = m_username->text().trimmed();
    pbx.role = PbxRole(m_role->currentData().toInt());
    pbx.schedule = m_schedule->cron();
    pbx.keepLast = m_keepLast->value();
    pbx.keepDays = m_keepDays->value();
    pbx.keepOnlyChanged = m_keepOnlyChanged->isChecked();
    pbx.fingerprint = m_fingerprint;
    // A certificate pinned for another host says nothing about the new one.
    if (m_existing && m_existing->url.host() != pbx.url.host() &&
        m_fingerprint == m_existing->fingerprint)
        pbx.fingerprint.clear();
    return pbx;
}

QString PbxDialog::connectionKey() const
{
    const PbxRecord pbx = record();
    // Only a digest of the password is kept, and only in memory.
    const QByteArray password =
        QCryptographicHash::hash(m_password->text().toUtf8(), QCryptographicHash::Sha256);
    return QStringList{pbx.url.toString(), pbx.tenant, pbx.username, pbx.fingerprint,
                       QString::fromLatin1(password.toHex())}
        .join(QLatin1Char('\n'));
}

bool PbxDialog::connectionChanged() const
{
    if (!m_existing)
        return true;
    const PbxRecord pbx = record();
    return !m_password->text().isEmpty() || m_existing->url != pbx.url ||
           m_existing->tenant != pbx.tenant || m_existing->username != pbx.username;
}

PbxDialog::TestState PbxDialog::testState() const
{
    return m_testedKey == connectionKey() ? m_testState : TestState::NotTested;
}

void PbxDialog::followRoleWithSchedule()
{
    // A new master is backed up daily unless the operator chose otherwise; a secondary is
    // usually only a restore target.
    if (m_existing || m_scheduleTouched)
        return;
    m_settingSchedule = true;
    if (PbxRole(m_role->currentData().toInt()) == PbxRole::Master)
        m_schedule->setCron(SchedulePreset::daily(kDefaultBackupTime).toCron());
    else
        m_schedule->setCron(QString());
    m_settingSchedule = false;
}

void PbxDialog::updateRetentionSummary()
{
    const int last = m_keepLast->value();
    const int days = m_keepDays->value();
    QString text;
    if (last == 0 && days == 0)
        text = tr("Backups of this PBX are never deleted automatically.");
    else if (days == 0)
        text = last == 1 ? tr("After each backup, only the newest backup of this PBX is kept.")
                         : tr("After each backup, only the newest %L1 backups of this PBX are "
                              "kept.")
                               .arg(last);
    else if (last == 0)
        text =
            tr("After each backup, backups of this PBX older than %L1 days are deleted.").arg(days);
    else
        text = tr("After each backup, a backup of this PBX is deleted once it is older than %L1 "
                  "days and at least %L2 newer backups exist.")
                   .arg(days)
                   .arg(last);
    if (last != 0 || days != 0)
        text += QLatin1Char(' ') + tr("The newest backup is always kept.");
    m_retentionSummary->setText(text);
}

QString PbxDialog::retentionSummary() const
{
    return m_retentionSummary->text();
}

void PbxDialog::showErrors(const PbxFormErrors &errors)
{
    const std::pair<QLabel *, QString> fields[] = {
        {m_nameError, errors.name},         {m_urlError, errors.url},
        {m_tenantError, errors.tenant},     {m_usernameError, errors.username},
        {m_passwordError, errors.password}, {m_roleError, errors.role}};
    for (const auto &[label, message] : fields) {
        label->setText(message);
        label->setVisible(!message.isEmpty());
    }
    growToFit();
}

void PbxDialog::growToFit()
{
    QLayout *top = layout();
    if (!top || !isVisible())
        return;
    top->activate();
    const int wanted = top->hasHeightForWidth() ? top->totalHeightForWidth(width())
                                                : top->totalSizeHint().height();
    int limit = wanted;
    if (const QScreen *s = screen())
        limit = qMin(wanted, s->availableGeometry().height() - 60);
    if (limit > height())
        resize(width(), limit);
}

bool PbxDialog::validateForm()
{
    m_validatedOnce = true;
    const PbxFormErrors errors = PbxFormValidator::validate(form(), m_ops.vault().catalog().pbxs());
    showErrors(errors);
    if (errors.isEmpty())
        return true;
    QWidget *first = !errors.name.isEmpty()       ? static_cast<QWidget *>(m_name)
                     : !errors.url.isEmpty()      ? m_url
                     : !errors.tenant.isEmpty()   ? m_tenant
                     : !errors.username.isEmpty() ? m_username
                     : !errors.password.isEmpty() ? m_password
                     : !errors.role.isEmpty()     ? static_cast<QWidget *>(m_role)
                                                  : static_cast<QWidget *>(m_schedule);
    first->setFocus();
    return false;
}

QString PbxDialog::connectionResult() const
{
    return m_testResult->isHidden() ? QString() : m_testResult->text();
}

QString PbxDialog::saveError() const
{
    return m_saveError->isHidden() ? QString() : m_saveError->text();
}

void PbxDialog::showTestResult(const QString &text, const char *color)
{
    showResult(m_testResult, text, color);
    growToFit();
}

void PbxDialog::setBusy(bool busy)
{
    // While testing, the test button is the way to cancel the test.
    m_test->setEnabled(!m_saveJob);
    m_test->setText(m_testJob ? tr("Cancel &test") : tr("&Test connection"));
    m_save->setEnabled(!busy);
}

void PbxDialog::testConnection()
{
    if (m_testJob || m_saveJob)
        return;
    // Only the connection fields matter for a test.
    PbxFormErrors errors = PbxFormValidator::validate(form(), m_ops.vault().catalog().pbxs());
    errors.name.clear();
    errors.role.clear();
    errors.schedule.clear();
    if (!errors.isEmpty()) {
        m_saveAfterTest = false;
        showErrors(errors);
        return;
    }
    const PbxRecord pbx = record();
    const QString password = m_password->text();
    Job *job = nullptr;
    if (password.isEmpty()) {
        // Editing without a new password: only the stored settings can be tested.
        if (connectionChanged()) {
            m_saveAfterTest = false;
            showTestResult(tr("Type the password to test the changed settings."), "#b26a00");
            return;
        }
        job = m_ops.testConnection(m_existing->id);
    } else {
        job = m_ops.testConnection(pbx, password);
    }
    m_testJob = job;
    const QString key = connectionKey();
    showTestResult(tr("Connecting to %1…").arg(pbx.url.toDisplayString()), "#5f6368");
    setBusy(true);
    connect(job, &Job::finished, this, [this, job, key] { onTestFinished(job, key); });
}

void PbxDialog::cancelTest()
{
    if (m_testJob)
        m_testJob->cancel();
}

void PbxDialog::onTestFinished(Job *job, const QString &key)
{
    job->deleteLater();
    m_testJob = nullptr;
    setBusy(false);
    if (job->wasCancelled()) {
        m_saveAfterTest = false;
        showTestResult(tr("Test cancelled."), "#5f6368");
        return;
    }
    m_testedKey = key;
    if (job->ok()) {
        m_testState = TestState::Passed;
        showTestResult(tr("✓ Connected. Firmware %1.")
                           .arg(job->firmware().isEmpty() ? Labels::noValue() : job->firmware()),
                       "#2e7d32");
        if (std::exchange(m_saveAfterTest, false))
            store();
        return;
    }
    m_testState = TestState::Failed;
    m_testProblem = job->errorMessage();
    const PbxError &error = job->pbxError();
    showTestResult(tr("✗ %1").arg(job->errorMessage()), "#c62828");
    if (CertificateReview::isCertificateProblem(error)) {
        askToTrust(error);
        return;
    }
    if (std::exchange(m_saveAfterTest, false))
        askToSaveAnyway(m_testProblem);
}

void PbxDialog::askToTrust(const PbxError &error)
{
    const PbxRecord pbx = record();
    const QString pinned =
        error.kind == PbxErrorKind::TlsChanged
            ? (error.pinnedFingerprint.isEmpty() ? m_fingerprint : error.pinnedFingerprint)
            : QString();
    auto *prompt = new CertificatePrompt(pbx.name.isEmpty() ? pbx.url.host() : pbx.name,
                                         pbx.url.host(), error.presentedFingerprint, pinned, this);
    prompt->setAttribute(Qt::WA_DeleteOnClose);
    const QString presented = error.presentedFingerprint;
    connect(prompt, &QDialog::accepted, this, [this, presented] {
        m_fingerprint = presented;
        // Testing a saved PBX uses its stored record: pin it there too.
        if (m_existing && m_password->text().isEmpty()) {
            QString problem;
            if (!m_ops.trustFingerprint(m_existing->id, presented, &problem)) {
                m_saveAfterTest = false;
                showTestResult(problem, "#c62828");
                return;
            }
            m_existing->fingerprint = presented;
        }
        qCInfo(lcUi) << "Certificate trusted for" << record().url.host();
        testConnection(); // goes on to save when that was asked for
    });
    connect(prompt, &QDialog::rejected, this, [this] {
        if (std::exchange(m_saveAfterTest, false))
            askToSaveAnyway(m_testProblem);
    });
    prompt->open();
}

void PbxDialog::askToSaveAnyway(const QString &problem)
{
    auto *box = new QMessageBox(this);
    box->setIcon(QMessageBox::Warning);
    box->setWindowTitle(tr("Connection test failed"));
    box->setTextFormat(Qt::PlainText);
    box->setText(tr("PBX Vault could not connect to this PBX:\n\n%1\n\nSave it anyway? Its "
                    "backups will fail until the problem is fixed.")
                     .arg(problem));
    box->setObjectName(QStringLiteral("saveAnywayPrompt"));
    box->setAttribute(Qt::WA_DeleteOnClose);
    QPushButton *saveAnyway = box->addButton(tr("Save &anyway"), QMessageBox::AcceptRole);
    saveAnyway->setObjectName(QStringLiteral("saveAnywayButton"));
    saveAnyway->setAutoDefault(false);
    QPushButton *back = box->addButton(tr("&Go back"), QMessageBox::RejectRole);
    back->setObjectName(QStringLiteral("goBackButton"));
    box->setDefaultButton(back);
    box->setEscapeButton(back);
    connect(saveAnyway, &QPushButton::clicked, this, &PbxDialog::store);
    box->open();
}

void PbxDialog::save()
{
    if (m_saveJob || m_testJob)
        return;
    m_saveError->hide();
    if (!validateForm())
        return;
    switch (testState()) {
    case TestState::Passed:
        store();
        return;
    case TestState::Failed:
        askToSaveAnyway(m_testProblem);
        return;
    case TestState::NotTested:
        if (!connectionChanged()) {
            store(); // the stored connection settings stay as they are
            return;
        }
        m_saveAfterTest = true;
        testConnection();
        return;
    }
}

void PbxDialog::store()
{
    if (m_saveJob || m_testJob)
        return;
    const PbxRecord pbx = record();
    const QString password = m_password->text();
    if (m_existing)
        m_saveJob = m_ops.updatePbx(pbx, password.isEmpty() ? std::optional<QString>()
                                                            : std::optional<QString>(password));
    else
        m_saveJob = m_ops.addPbx(pbx, password);
    setBusy(true);
    m_cancel->setEnabled(false);
    Job *job = m_saveJob;
    const qint64 existingId = m_existing ? m_existing->id : 0;
    connect(job, &Job::finished, this, [this, job, existingId] {
        job->deleteLater();
        m_saveJob = nullptr;
        setBusy(false);
        m_cancel->setEnabled(true);
        if (!job->ok()) {
            showResult(m_saveError, job->errorMessage(), "#c62828");
            growToFit();
            return;
        }
        Q_EMIT saved(existingId ? existingId : job->pbxId());
        accept();
    });
}

void PbxDialog::reject()
{
    if (m_saveJob)
        return; // the PBX is being stored: closing now would hide the outcome
    m_saveAfterTest = false;
    cancelTest();
    QDialog::reject();
}

} // namespace pbxvault
