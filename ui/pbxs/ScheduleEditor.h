#pragma once

#include <QDateTime>
#include <QWidget>

#include <functional>

class QComboBox;
class QLabel;
class QLineEdit;
class QSpinBox;
class QTimeEdit;

namespace pbxvault {

// Schedule presets (none, hourly, daily at…, weekly on… at…, cron expression) with the next
// three run times previewed as the operator types.
class ScheduleEditor : public QWidget
{
    Q_OBJECT
public:
    enum Preset
    {
        NoSchedule,
        Hourly,
        Daily,
        Weekly,
        Custom
    };

    explicit ScheduleEditor(QWidget *parent = nullptr);

    // "" for no schedule; otherwise a 5-field cron expression.
    QString cron() const;
    void setCron(const QString &cron);
    Preset preset() const;
    void setPreset(Preset preset);
    // Empty when the schedule is usable.
    QString error() const;
    QString previewText() const;
    // For tests and screenshots: the "now" the preview counts from (default: the clock).
    void setClock(std::function<QDateTime()> nowUtc);

Q_SIGNALS:
    void changed();

private:
    QString cronFor(Preset preset) const;
    void onPresetChanged();
    void updateVisibility();
    void updatePreview();

    std::function<QDateTime()> m_now;
    Preset m_shownPreset = NoSchedule;
    QComboBox *m_preset;
    QLabel *m_minuteLabel;
    QSpinBox *m_minute;
    QLabel *m_dayLabel;
    QComboBox *m_day;
    QLabel *m_timeLabel;
    QTimeEdit *m_time;
    QLineEdit *m_cron;
    QLabel *m_preview;
};

} // namespace pbxvault
