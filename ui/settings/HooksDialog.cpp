#include "HooksDialog.h"

#include "common/AppSettings.h"

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>

namespace pbxvault {

const QStringList &HooksDialog::events()
{
    static const QStringList names{QStringLiteral("pre-backup"), QStringLiteral("post-backup"),
                                   QStringLiteral("pre-restore"), QStringLiteral("post-restore")};
    return names;
}

QString HooksDialog::summary(const AppSettings &settings, const QString &scope)
{
    int set = 0;
    for (const QString &event : events()) {
        if (!settings.hookCommand(scope, event).trimmed().isEmpty())
            ++set;
    }
    if (set == 0)
        return tr("None");
    return set == 1 ? tr("1 command") : tr("%1 commands").arg(set);
}

HooksDialog::HooksDialog(AppSettings &settings, const QString &scope, const QString &pbxName,
                         QWidget *parent)
    : QDialog(parent), m_settings(settings), m_scope(scope)
{
    setObjectName(QStringLiteral("hooksDialog"));
    setWindowTitle(pbxName.isEmpty() ? tr("Hooks for every PBX")
                                     : tr("Hooks for PBX \"%1\"").arg(pbxName));
    auto *intro = new QLabel(
        pbxName.isEmpty()
            ? tr("Commands run on this computer before and after each backup and restore of "
                 "every PBX. If a command before a job fails, the job is skipped; what the "
                 "commands print goes to Activity.")
            : tr("Commands run on this computer before and after each backup and restore of "
                 "this PBX, after the hooks for every PBX (before them once the job is done). "
                 "If a command before a job fails, the job is skipped."),
        this);
    intro->setWordWrap(true);

    auto *form = new QFormLayout;
    form->setFieldGrowthPolicy(QFormLayout::ExpandingFieldsGrow);
    const QStringList labels{tr("Before a &backup:"), tr("&After a backup:"),
                             tr("Before a &restore:"), tr("After a res&tore:")};
    for (int i = 0; i < events().size(); ++i) {
        auto *edit = new QLineEdit(settings.hookCommand(scope, events().at(i)), this);
        edit->setObjectName(QStringLiteral("hook-") + events().at(i));
        edit->setPlaceholderText(i == 0 ? tr("e.g. mount /mnt/pbx-backups") : QString());
        edit->setMinimumWidth(420);
        form->addRow(labels.at(i), edit);
        m_commands << edit;
    }
    if (pbxName.isEmpty()) {
        m_timeout = new QSpinBox(this);
        m_timeout->setObjectName(QStringLiteral("hookTimeoutSpin"));
        m_timeout->setRange(1, 86400);
        m_timeout->setSuffix(tr(" s"));
        m_timeout->setValue(settings.hookTimeoutSeconds());
        m_timeout->setToolTip(tr("A command still running after this long is stopped, with "
                                 "everything it started, and counts as failed."));
        form->addRow(tr("Time &limit:"), m_timeout);
    }

#ifdef Q_OS_WIN
    const QString shell = QStringLiteral("cmd /c");
#else
    const QString shell = QStringLiteral("/bin/sh -c");
#endif
    auto *variables = new QLabel(
        tr("Commands run with %1 and get these environment variables: PBXVAULT_EVENT, "
           "PBXVAULT_PBX_NAME, PBXVAULT_PBX_URL, PBXVAULT_TENANT, PBXVAULT_JOB_ID, "
           "PBXVAULT_BACKUP_ID, PBXVAULT_BACKUP_FILE, and after a job PBXVAULT_OUTCOME and "
           "PBXVAULT_ERROR. Use the variables rather than writing names into the command. "
           "Never put a password in a command: it is kept in this computer's settings as "
           "plain text.")
            .arg(shell),
        this);
    variables->setObjectName(QStringLiteral("hookVariablesHint"));
    variables->setWordWrap(true);
    variables->setTextInteractionFlags(Qt::TextSelectableByMouse);
    QPalette p = variables->palette();
    p.setColor(QPalette::WindowText, p.color(QPalette::PlaceholderText));
    variables->setPalette(p);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Save | QDialogButtonBox::Cancel, this);
    connect(buttons, &QDialogButtonBox::accepted, this, &HooksDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &HooksDialog::reject);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addLayout(form);
    layout->addWidget(variables);
    layout->addWidget(buttons);
    setMinimumWidth(600);
}

void HooksDialog::accept()
{
    for (int i = 0; i < events().size(); ++i)
        m_settings.setHookCommand(m_scope, events().at(i), m_commands.at(i)->text().trimmed());
    if (m_timeout)
        m_settings.setHookTimeoutSeconds(m_timeout->value());
    m_settings.sync();
    QDialog::accept();
}

} // namespace pbxvault
