#pragma once

#include <QWidget>

class QCheckBox;
class QComboBox;
class QLabel;
class QSpinBox;

namespace pbxvault {

class AppSettings;
class Operations;

// Preferences, saved as soon as they change.
class SettingsView : public QWidget
{
    Q_OBJECT
public:
    SettingsView(Operations &ops, AppSettings &settings, QWidget *parent = nullptr);

    // Sets the "start at login" box without emitting startAtLoginToggled() (e.g. to undo a
    // change the system refused).
    void setStartAtLogin(bool on);

Q_SIGNALS:
    // After the setting was saved, so the login item and the scheduler can follow.
    void startAtLoginToggled(bool on);
    void concurrentJobsChanged(int jobs);

private:
    AppSettings &m_settings;
    QSpinBox *m_concurrent;
    QCheckBox *m_notifySuccess;
    QComboBox *m_language;
    QLabel *m_languageNote;
    QCheckBox *m_startAtLogin;
};

} // namespace pbxvault
