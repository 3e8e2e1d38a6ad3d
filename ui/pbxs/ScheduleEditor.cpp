#include "ScheduleEditor.h"

#include "schedule/CronExpression.h"
#include "schedule/SchedulePreset.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QSignalBlocker>
#include <QSpinBox>
#include <QTimeEdit>
#include <QTimeZone>
#include <QVBoxLayout>

#include <utility>

namespace pbxvault {

ScheduleEditor::ScheduleEditor(QWidget *parent)
    : QWidget(parent), m_now([] { return QDateTime::currentDateTimeUtc(); }),
      m_preset(new QComboBox(this)), m_minuteLabel(new QLabel(tr("at minute"), this)),
      m_minute(new QSpinBox(this)), m_dayLabel(new QLabel(tr("on"), this)),
      m_day(new QComboBox(this)), m_timeLabel(new QLabel(tr("at"), this)),
      m_time(new QTimeEdit(QTime(2, 0), this)), m_cron(new QLineEdit(this)),
      m_preview(new QLabel(this))
{
    m_preset->setObjectName(QStringLiteral("schedulePreset"));
    m_preset->addItem(tr("No automatic backups"), NoSchedule);
    m_preset->addItem(tr("Every hour"), Hourly);
    m_preset->addItem(tr("Every day"), Daily);
    m_preset->addItem(tr("Every week"), Weekly);
    m_preset->addItem(tr("Cron expression"), Custom);

    m_minute->setObjectName(QStringLiteral("scheduleMinute"));
    m_minute->setRange(0, 59);
    m_day->setObjectName(QStringLiteral("scheduleDay"));
    const QLocale locale;
    for (int day = Qt::Monday; day <= Qt::Sunday; ++day)
        m_day->addItem(locale.dayName(day), day);
    m_time->setObjectName(QStringLiteral("scheduleTime"));
    m_time->setDisplayFormat(QStringLiteral("HH:mm"));
    m_cron->setObjectName(QStringLiteral("scheduleCron"));
    m_cron->setPlaceholderText(tr("minute hour day month weekday, e.g. 30 2 * * 1-5"));
    m_preview->setObjectName(QStringLiteral("schedulePreview"));
    m_preview->setWordWrap(true);

    auto *row = new QHBoxLayout;
    row->setContentsMargins(0, 0, 0, 0);
    row->addWidget(m_preset);
    row->addWidget(m_minuteLabel);
    row->addWidget(m_minute);
    row->addWidget(m_dayLabel);
    row->addWidget(m_day);
    row->addWidget(m_timeLabel);
    row->addWidget(m_time);
    row->addWidget(m_cron, 1);
    row->addStretch(0);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(row);
    layout->addWidget(m_preview);

    auto changedSlot = [this] {
        updateVisibility();
        updatePreview();
        Q_EMIT changed();
    };
    connect(m_preset, &QComboBox::currentIndexChanged, this, &ScheduleEditor::onPresetChanged);
    connect(m_preset, &QComboBox::currentIndexChanged, this, changedSlot);
    connect(m_minute, &QSpinBox::valueChanged, this, changedSlot);
    connect(m_day, &QComboBox::currentIndexChanged, this, changedSlot);
    connect(m_time, &QTimeEdit::timeChanged, this, changedSlot);
    connect(m_cron, &QLineEdit::textChanged, this, changedSlot);
    updateVisibility();
    updatePreview();
}

void ScheduleEditor::setClock(std::function<QDateTime()> nowUtc)
{
    m_now = std::move(nowUtc);
    updatePreview();
}

ScheduleEditor::Preset ScheduleEditor::preset() const
{
    return Preset(m_preset->currentData().toInt());
}

void ScheduleEditor::setPreset(Preset preset)
{
    m_preset->setCurrentIndex(m_preset->findData(preset));
}

QString ScheduleEditor::cron() const
{
    return cronFor(preset());
}

void ScheduleEditor::onPresetChanged()
{
    const Preset previous = std::exchange(m_shownPreset, preset());
    // "Cron expression" starts from the schedule chosen so far, to be refined.
    if (m_shownPreset == Custom && previous != Custom && previous != NoSchedule) {
        QSignalBlocker block(m_cron);
        m_cron->setText(cronFor(previous));
    }
}

QString ScheduleEditor::cronFor(Preset preset) const
{
    const QTime time = m_time->time();
    switch (preset) {
    case NoSchedule:
        return QString();
    case Hourly:
        return SchedulePreset::hourly(m_minute->value()).toCron();
    case Daily:
        return SchedulePreset::daily(time).toCron();
    case Weekly:
        return SchedulePreset::weekly(Qt::DayOfWeek(m_day->currentData().toInt()), time).toCron();
    case Custom:
        return m_cron->text().trimmed();
    }
    return QString();
}

void ScheduleEditor::setCron(const QString &cron)
{
    const SchedulePreset preset = SchedulePreset::fromCron(cron);
    switch (preset.kind) {
    case SchedulePreset::Kind::None:
        setPreset(NoSchedule);
        break;
    case SchedulePreset::Kind::Hourly:
        m_minute->setValue(preset.time.minute());
        setPreset(Hourly);
        break;
    case SchedulePreset::Kind::Daily:
        m_time->setTime(preset.time);
        setPreset(Daily);
        break;
    case SchedulePreset::Kind::Weekly:
        m_time->setTime(preset.time);
        m_day->setCurrentIndex(m_day->findData(int(preset.day)));
        setPreset(Weekly);
        break;
    case SchedulePreset::Kind::Custom:
        setPreset(Custom);
        m_cron->setText(cron.trimmed());
        break;
    }
    updateVisibility();
    updatePreview();
}

QString ScheduleEditor::error() const
{
    const QString text = cron();
    if (preset() == Custom && text.isEmpty())
        return tr("Type a cron expression, or choose another schedule.");
    if (text.isEmpty())
        return QString();
    QString error;
    if (!CronExpression::parse(text, &error).isValid())
        return error.isEmpty() ? tr("This is not a valid cron expression.") : error;
    return QString();
}

QString ScheduleEditor::previewText() const
{
    return m_preview->text();
}

void ScheduleEditor::updateVisibility()
{
    const Preset p = preset();
    m_minuteLabel->setVisible(p == Hourly);
    m_minute->setVisible(p == Hourly);
    m_dayLabel->setVisible(p == Weekly);
    m_day->setVisible(p == Weekly);
    m_timeLabel->setVisible(p == Daily || p == Weekly);
    m_time->setVisible(p == Daily || p == Weekly);
    m_cron->setVisible(p == Custom);
}

void ScheduleEditor::updatePreview()
{
    const QString text = cron();
    if (preset() == NoSchedule) {
        m_preview->setText(tr("Backed up only when you click “Back up now”."));
        m_preview->setStyleSheet(QString());
        return;
    }
    const QString problem = error();
    if (!problem.isEmpty()) {
        m_preview->setText(problem);
        m_preview->setStyleSheet(QStringLiteral("color:#c62828;"));
        return;
    }
    const CronExpression expression = CronExpression::parse(text);
    const QVector<QDateTime> runs = expression.nextRuns(m_now(), QTimeZone::systemTimeZone(), 3);
    QStringList shown;
    const QLocale locale;
    for (const QDateTime &run : runs)
        shown << locale.toString(run.toLocalTime(), QStringLiteral("ddd d MMM yyyy, HH:mm"));
    m_preview->setStyleSheet(QStringLiteral("color:#5f6368;"));
    if (shown.isEmpty())
        m_preview->setText(tr("This schedule never runs."));
    else
        m_preview->setText(tr("Next runs: %1").arg(shown.join(QStringLiteral("  ·  "))));
}

} // namespace pbxvault
