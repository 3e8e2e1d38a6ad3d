#include "MessageBar.h"

#include "Icons.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QToolButton>

namespace pbxvault {

MessageBar::MessageBar(QWidget *parent)
    : QFrame(parent), m_icon(new QLabel(this)), m_text(new QLabel(this)),
      m_close(new QToolButton(this))
{
    setObjectName(QStringLiteral("messageBar"));
    m_text->setObjectName(QStringLiteral("messageText"));
    m_text->setWordWrap(true);
    m_text->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_close->setIcon(Icons::cancel());
    m_close->setAutoRaise(true);
    m_close->setToolTip(tr("Dismiss"));
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(8, 6, 4, 6);
    layout->addWidget(m_icon, 0, Qt::AlignTop);
    layout->addWidget(m_text, 1);
    layout->addWidget(m_close, 0, Qt::AlignTop);
    connect(m_close, &QToolButton::clicked, this, &QWidget::hide);
    hide();
}

void MessageBar::showMessage(Kind kind, const QString &text)
{
    m_kind = kind;
    QIcon icon;
    QString colors;
    switch (kind) {
    case Info:
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
    show();
}

QString MessageBar::text() const
{
    return isHidden() ? QString() : m_text->text();
}

} // namespace pbxvault
