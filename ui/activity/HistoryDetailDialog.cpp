#include "HistoryDetailDialog.h"

#include <QClipboard>
#include <QDialogButtonBox>
#include <QFontDatabase>
#include <QFormLayout>
#include <QGuiApplication>
#include <QHBoxLayout>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace pbxvault {

HistoryDetailDialog::HistoryDetailDialog(const QString &title, QWidget *parent)
    : QDialog(parent), m_title(title), m_form(new QFormLayout), m_messageLabel(new QLabel(this)),
      m_message(new QPlainTextEdit(this)), m_links(new QHBoxLayout)
{
    setObjectName(QStringLiteral("historyDetailDialog"));
    setWindowTitle(title);
    m_form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);

    m_messageLabel->setObjectName(QStringLiteral("messageLabel"));
    m_messageLabel->setBuddy(m_message);
    m_message->setObjectName(QStringLiteral("messageText"));
    m_message->setReadOnly(true);
    m_message->setTabChangesFocus(true);
    m_message->setLineWrapMode(QPlainTextEdit::WidgetWidth);
    m_message->setMinimumHeight(fontMetrics().height() * 5);
    m_messageLabel->hide();
    m_message->hide();

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    QPushButton *copy = buttons->addButton(tr("&Copy"), QDialogButtonBox::ActionRole);
    copy->setObjectName(QStringLiteral("copyButton"));
    copy->setToolTip(tr("Copy these details to the clipboard"));
    copy->setAutoDefault(false);
    QPushButton *close = buttons->button(QDialogButtonBox::Close);
    close->setObjectName(QStringLiteral("closeButton"));
    close->setDefault(true);
    connect(copy, &QPushButton::clicked, this, &HistoryDetailDialog::copyToClipboard);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto *bottom = new QHBoxLayout;
    bottom->addLayout(m_links);
    bottom->addStretch(1);
    bottom->addWidget(buttons);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(m_form);
    layout->addWidget(m_messageLabel);
    layout->addWidget(m_message, 1);
    layout->addLayout(bottom);
    // Wide enough for a URL and a file name on one line; the message wraps below.
    setMinimumWidth(fontMetrics().averageCharWidth() * 80);
}

void HistoryDetailDialog::addField(const QString &label, const QString &value,
                                   const char *objectName)
{
    auto *field = new QLabel(value, this);
    if (objectName)
        field->setObjectName(QLatin1String(objectName));
    field->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    field->setWordWrap(true);
    field->setTextFormat(Qt::PlainText);
    m_form->addRow(label, field);
    m_lines.append(label + QLatin1Char(' ') + value);
}

void HistoryDetailDialog::setMessage(const QString &label, const QString &message)
{
    m_messageLabel->setText(label);
    m_message->setPlainText(message);
    m_messageLabel->setVisible(!message.isEmpty());
    m_message->setVisible(!message.isEmpty());
}

QPushButton *HistoryDetailDialog::addLinkButton(const QString &text, const char *objectName)
{
    auto *button = new QPushButton(text, this);
    button->setObjectName(QLatin1String(objectName));
    button->setAutoDefault(false);
    m_links->addWidget(button);
    return button;
}

QString HistoryDetailDialog::plainText() const
{
    QStringList lines{m_title};
    lines += m_lines;
    if (!m_message->toPlainText().isEmpty())
        lines << m_messageLabel->text() << m_message->toPlainText();
    return lines.join(QLatin1Char('\n'));
}

void HistoryDetailDialog::copyToClipboard()
{
    QGuiApplication::clipboard()->setText(plainText());
}

} // namespace pbxvault
