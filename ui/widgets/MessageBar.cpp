#include "MessageBar.h"

#include "Icons.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QTimer>
#include <QToolButton>

#include <utility>

namespace pbxvault {

MessageBar::MessageBar(QWidget *parent)
    : QFrame(parent), m_icon(new QLabel(this)), m_text(new QLabel(this)),
      m_buttonRow(new QHBoxLayout), m_close(new QToolButton(this)), m_autoHide(new QTimer(this))
{
    setObjectName(QStringLiteral("messageBar"));
    m_text->setObjectName(QStringLiteral("messageText"));
    m_text->setWordWrap(true);
    m_text->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_close->setObjectName(QStringLiteral("messageDismiss"));
    m_close->setIcon(Icons::cancel());
    m_close->setAutoRaise(true);
    m_close->setToolTip(tr("Dismiss"));
    m_autoHide->setSingleShot(true);
    m_autoHide->setInterval(kDefaultAutoHideMs);
    m_buttonRow->setContentsMargins(0, 0, 0, 0);
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(8, 6, 4, 6);
    layout->addWidget(m_icon, 0, Qt::AlignTop);
    layout->addWidget(m_text, 1);
    layout->addLayout(m_buttonRow);
    layout->addWidget(m_close, 0, Qt::AlignTop);
    connect(m_close, &QToolButton::clicked, this, &MessageBar::dismiss);
    connect(m_autoHide, &QTimer::timeout, this, &MessageBar::dismissTransient);
    QFrame::setVisible(false);
}

void MessageBar::showMessage(Kind kind, const QString &text)
{
    m_kind = kind;
    clearButtons();
    QIcon icon;
    QString colors;
    switch (kind) {
    case Info:
    case Busy:
        icon = Icons::running();
        colors = QStringLiteral("background:#e8f0fe;border:1px solid #a8c1f0;");
        break;
    case Success:
        icon = Icons::success();
        colors = QStringLiteral("background:#e6f4ea;border:1px solid #9fd3ae;");
        break;
    case Warning:
        icon = Icons::warning();
        colors = QStringLiteral("background:#fef7e0;border:1px solid #f0d48a;");
        break;
    case Error:
        icon = Icons::failure();
        colors = QStringLiteral("background:#fce8e6;border:1px solid #f0a8a0;");
        break;
    }
    setStyleSheet(
        QStringLiteral("#messageBar{%1border-radius:4px;} #messageBar QLabel{color:#202124;}")
            .arg(colors));
    m_icon->setPixmap(icon.pixmap(16, 16));
    m_text->setText(text);
    if (isTransient())
        m_autoHide->start();
    else
        m_autoHide->stop();
    setVisible(true);
}

QPushButton *MessageBar::addButton(const QString &text)
{
    auto *button = new QPushButton(text, this);
    button->setAutoDefault(false);
    m_buttonRow->addWidget(button, 0, Qt::AlignTop);
    m_buttons.append(button);
    button->show(); // created after the bar may already be on screen
    // An offered action is worth reading: it does not go away by itself.
    m_autoHide->stop();
    return button;
}

void MessageBar::clearButtons()
{
    for (QPushButton *button : std::as_const(m_buttons))
        button->deleteLater();
    for (QPushButton *button : std::as_const(m_buttons))
        button->hide();
    m_buttons.clear();
}

QString MessageBar::text() const
{
    return isHidden() ? QString() : m_text->text();
}

void MessageBar::dismissTransient()
{
    if (isTransient())
        dismiss();
}

void MessageBar::dismiss()
{
    setVisible(false);
}

void MessageBar::setAutoHideMs(int ms)
{
    m_autoHide->setInterval(ms);
}

bool MessageBar::isAutoHiding() const
{
    return m_autoHide->isActive();
}

int MessageBar::autoHideMs() const
{
    return m_autoHide->interval();
}

void MessageBar::setVisible(bool visible)
{
    const bool changed = isHidden() == visible;
    if (!visible) {
        m_autoHide->stop();
        clearButtons();
    }
    QFrame::setVisible(visible);
    if (changed)
        Q_EMIT shownChanged(visible);
}

} // namespace pbxvault
