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

private:
    AppSettings &m_settings;
    QSpinBox *m_concurrent;
    QCheckBox *m_notifySuccess;
    QComboBox *m_language;
    QLabel *m_languageNote;
    QCheckBox *m_startAtLogin;
};

} // namespace pbxvault
