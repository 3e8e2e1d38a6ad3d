#pragma once

#include <QDialog>

class QFormLayout;
class QHBoxLayout;
class QLabel;
class QPlainTextEdit;
class QPushButton;

namespace pbxvault {

// One entry of the restore history or the job log in full: its fields, the whole error
// message (which the tables can only elide), Copy (everything as plain text) and Close,
// plus any buttons the caller adds (a failed restore's backups).
class HistoryDetailDialog : public QDialog
{
    Q_OBJECT
public:
    HistoryDetailDialog(const QString &title, QWidget *parent = nullptr);

    void addField(const QString &label, const QString &value, const char *objectName = nullptr);
    // The full message, selectable; hidden while empty.
    void setMessage(const QString &label, const QString &message);
    // A button left of Copy; the caller connects it.
    QPushButton *addLinkButton(const QString &text, const char *objectName);

    // What Copy puts on the clipboard: "Label: value" lines, then the message.
    QString plainText() const;
    void copyToClipboard();

private:
    QString m_title;
    QFormLayout *m_form;
    QLabel *m_messageLabel;
    QPlainTextEdit *m_message;
    QHBoxLayout *m_links;
    QStringList m_lines;
};

} // namespace pbxvault
