#pragma once

#include <QDialog>

class QLineEdit;
class QSpinBox;

namespace pbxvault {

class AppSettings;

// The hook commands of one scope: every PBX (AppSettings scope "") or one PBX
// (AppSettings::hookScope). Saved on OK.
class HooksDialog : public QDialog
{
    Q_OBJECT
public:
    // pbxName empty: the hooks for every PBX, with the time limit they all share.
    HooksDialog(AppSettings &settings, const QString &scope, const QString &pbxName,
                QWidget *parent = nullptr);

    void accept() override;

    // "None", "2 commands"...: what the Settings page and the PBX dialog show.
    static QString summary(const AppSettings &settings, const QString &scope);
    static const QStringList &events(); // pre-backup, post-backup, pre-restore, post-restore

private:
    AppSettings &m_settings;
    QString m_scope;
    QList<QLineEdit *> m_commands; // in events() order
    QSpinBox *m_timeout = nullptr;
};

} // namespace pbxvault
