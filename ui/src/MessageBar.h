#pragma once

#include <QFrame>

class QLabel;
class QToolButton;

namespace pbxvault {

// An inline, dismissable message above a view's content (instead of a modal box), e.g.
// "The backup of X failed: …".
class MessageBar : public QFrame
{
    Q_OBJECT
public:
    enum Kind
    {
        Info,
        Success,
        Warning,
        Error
    };
    explicit MessageBar(QWidget *parent = nullptr);
    void showMessage(Kind kind, const QString &text);
    QString text() const;
    Kind kind() const { return m_kind; }

private:
    Kind m_kind = Info;
    QLabel *m_icon;
    QLabel *m_text;
    QToolButton *m_close;
};

} // namespace pbxvault
