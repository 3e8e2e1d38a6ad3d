#include "PbxDialog.h"

#include "CertificatePrompt.h"
#include "Icons.h"
#include "Labels.h"
#include "ScheduleEditor.h"
#include "UiLog.h"
#include "ops/Operations.h"

#include <QComboBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>

namespace pbxvault {

namespace {
QWidget *withMessage(QWidget *field, QLabel *message, QWidget *parent)
{
    auto *box = new QWidget(parent);
    auto *layout = new QVBoxLayout(box);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);
    layout->addWidget(field);
    layout->addWidget(message);
    return box;
}

void showResult(QLabel *label, const QString &text, const char *color)
{
    label->setText(text);
    label->setStyleSheet(QStringLiteral("color:%1;").arg(QLatin1String(color)));
    label->setVisible(!text.isEmpty());
}
} // namespace

PbxDialog::PbxDialog(Operations &ops, const std::optional<PbxRecord> &existing, QWidget *parent)
    : QDialog(parent), m_ops(ops), m_existing(existing), m_name(new QLineEdit(this)),
      m_url(new QLineEdit(this)), m_tenant(new QLineEdit(this)), m_username(new QLineEdit(this)),
      m_password(new QLineEdit(this)), m_role(new QComboBox(this)),
      m_schedule(new ScheduleEditor(this)), m_keepLast(new QSpinBox(this)),
      m_keepDays(new QSpinBox(this)), m_nameError(errorLabel("nameError")),
      m_urlError(errorLabel("urlError")), m_tenantError(errorLabel("tenantError")),
      m_usernameError(errorLabel("usernameError")), m_passwordError(errorLabel("passwordError")),
      m_roleError(errorLabel("roleError")), m_scheduleError(errorLabel("scheduleError")),
      m_test(new QPushButton(tr("Test connection"), this)), m_testResult(new QLabel(this)),
      m_saveError(new QLabel(this)), m_save(new QPushButton(tr("Save"), this)),
      m_cancel(new QPushButton(tr("Cancel"), this))
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
    m_keepLast->setSpecialValueText(tr("all backups"));
    m_keepLast->setSuffix(tr(" backups"));
    m_keepDays->setObjectName(QStringLiteral("keepDaysSpin"));
    m_keepDays->setRange(0, 3650);
    m_keepDays->setSpecialValueText(tr("forever"));
    m_keepDays->setSuffix(tr(" days"));
    m_test->setObjectName(QStringLiteral("testConnectionButton"));
    m_test->setSizePolicy(QSizePolicy::Fixed, QSizePolicy::Fixed);
    m_testResult->setObjectName(QStringLiteral("testResult"));
    m_testResult->setWordWrap(true);
    m_testResult->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_testResult->hide();
    m_saveError->setObjectName(QStringLiteral("saveError"));
    m_saveError->setWordWrap(true);
    m_saveError->hide();
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
        m_keepLast->setValue(pbx.keepLast);
        m_keepDays->setValue(pbx.keepDays);
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
    }

    auto *connection = new QGroupBox(tr("Connection"), this);
    auto *connectionForm = new QFormLayout(connection);
    connectionForm->addRow(tr("Name:"), withMessage(m_name, m_nameError, connection));
    connectionForm->addRow(tr("Address:"), withMessage(m_url, m_urlError, connection));
    connectionForm->addRow(tr("Tenant:"), withMessage(m_tenant, m_tenantError, connection));
    connectionForm->addRow(tr("Username:"), withMessage(m_username, m_usernameError, connection));
    connectionForm->addRow(tr("Password:"), withMessage(m_password, m_passwordError, connection));
    auto *testRow = new QHBoxLayout;
    testRow->addWidget(m_test, 0, Qt::AlignTop);
    testRow->addWidget(m_testResult, 1);
    connectionForm->addRow(QString(), testRow);

    auto *backups = new QGroupBox(tr("Backups"), this);
    auto *backupsForm = new QFormLayout(backups);
    backupsForm->addRow(tr("Role:"), withMessage(m_role, m_roleError, backups));
    backupsForm->addRow(tr("Schedule:"), withMessage(m_schedule, m_scheduleError, backups));
    auto *retention = new QHBoxLayout;
    retention->addWidget(new QLabel(tr("keep"), backups));
    retention->addWidget(m_keepLast);
    retention->addWidget(new QLabel(tr("and everything from the last"), backups));
    retention->addWidget(m_keepDays);
    retention->addStretch(1);
    backupsForm->addRow(tr("Retention:"), retention);
    auto *retentionHint = new QLabel(tr("Older backups of this PBX are deleted after each "
                                        "backup. The newest backup is always kept."),
                                     backups);
    retentionHint->setWordWrap(true);
    retentionHint->setStyleSheet(QStringLiteral("color:#5f6368;"));
    backupsForm->addRow(QString(), retentionHint);

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

    connect(m_test, &QPushButton::clicked, this, &PbxDialog::testConnection);
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
    connect(m_schedule, &ScheduleEditor::changed, this, revalidate);
}

QLabel *PbxDialog::errorLabel(const char *objectName)
{
    auto *label = new QLabel(this);
    label->setObjectName(QLatin1String(objectName));
    label->setWordWrap(true);
    label->setStyleSheet(QStringLiteral("color:#c62828;"));
    label->hide();
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
    pbx.fingerprint = m_fingerprint;
    // A certificate pinned for another host says nothing about the new one.
    if (m_existing && m_existing->url.host() != pbx.url.host() &&
        m_fingerprint == m_existing->fingerprint)
        pbx.fingerprint.clear();
    return pbx;
}

void PbxDialog::showErrors(const PbxFormErrors &errors)
{
    const std::pair<QLabel *, QString> fields[] = {
        {m_nameError, errors.name},         {m_urlError, errors.url},
        {m_tenantError, errors.tenant},     {m_usernameError, errors.username},
        {m_passwordError, errors.password}, {m_roleError, errors.role},
        {m_scheduleError, errors.schedule}};
    for (const auto &[label, message] : fields) {
        label->setText(message);
        label->setVisible(!message.isEmpty());
    }
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

void PbxDialog::setBusy(bool busy)
{
    m_test->setEnabled(!busy);
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
        showErrors(errors);
        return;
    }
    const PbxRecord pbx = record();
    const QString password = m_password->text();
    if (password.isEmpty()) {
        // Editing without a new password: only the stored settings can be tested.
        const bool unchanged = m_existing && m_existing->url == pbx.url &&
                               m_existing->tenant == pbx.tenant &&
                               m_existing->username == pbx.username;
        if (!unchanged) {
            showResult(m_testResult, tr("Type the password to test the changed settings."),
                       "#b26a00");
            return;
        }
        m_testJob = m_ops.testConnection(m_existing->id);
    } else {
        m_testJob = m_ops.testConnection(pbx, password);
    }
    showResult(m_testResult, tr("Connecting to %1…").arg(pbx.url.toDisplayString()), "#5f6368");
    setBusy(true);
    Job *job = m_testJob;
    connect(job, &Job::finished, this, [this, job] { onTestFinished(job); });
}

void PbxDialog::onTestFinished(Job *job)
{
    job->deleteLater();
    m_testJob = nullptr;
    setBusy(false);
    if (job->ok()) {
        showResult(m_testResult,
                   tr("✓ Connected. Firmware %1.")
                       .arg(job->firmware().isEmpty() ? Labels::noValue() : job->firmware()),
                   "#2e7d32");
        return;
    }
    const PbxError &error = job->pbxError();
    showResult(m_testResult, tr("✗ %1").arg(job->errorMessage()), "#c62828");
    if ((error.kind == PbxErrorKind::TlsUntrusted || error.kind == PbxErrorKind::TlsChanged) &&
        !error.presentedFingerprint.isEmpty())
        askToTrust(error);
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
                showResult(m_testResult, problem, "#c62828");
                return;
            }
            m_existing->fingerprint = presented;
        }
        qCInfo(lcUi) << "Certificate trusted for" << record().url.host();
        testConnection();
    });
    prompt->open();
}

void PbxDialog::save()
{
    if (m_saveJob || m_testJob)
        return;
    m_saveError->hide();
    if (!validateForm())
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
    QDialog::reject();
}

} // namespace pbxvault
