#include "ActionButtons.h"

namespace pbxvault {

ActionButton::ActionButton(Tone tone, const QString &text, QWidget *parent)
    : QPushButton(text, parent)
{
    const QString base = tone == Go ? QStringLiteral("#2e7d32") : QStringLiteral("#c62828");
    const QString hover = tone == Go ? QStringLiteral("#256428") : QStringLiteral("#a31f1f");
    const QString off = tone == Go ? QStringLiteral("#9cc59e") : QStringLiteral("#e0a3a3");
    setStyleSheet(QStringLiteral("QPushButton{background:%1;color:white;font-weight:bold;"
                                 "border:2px solid %1;border-radius:4px;padding:5px 18px;}"
                                 "QPushButton:hover,QPushButton:pressed{background:%2;"
                                 "border-color:%2;}"
                                 "QPushButton:disabled{background:%3;border-color:%3;"
                                 "color:#f5f5f5;}"
                                 "QPushButton:focus{border-color:#202124;}")
                      .arg(base, hover, off));
    setCursor(Qt::PointingHandCursor);
}

} // namespace pbxvault
