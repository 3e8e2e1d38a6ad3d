#pragma once

#include <QFrame>
#include <QList>

class QHBoxLayout;
class QLabel;
class QPushButton;
class QTimer;
class QToolButton;

namespace pbxvault {

// An inline, dismissable message above a view's content (instead of a modal box), e.g.
// "The backup of X failed: …". Success and info messages go away by themselves after a few
// seconds, since what they report soon stops being true; warnings and errors stay until
// dismissed or replaced. A message can carry action buttons ("Review certificate…").
class MessageBar : public QFrame
{
    Q_OBJECT
public:
    enum Kind
    {
        Info,
        Success,
        Warning,
        Error,
        Busy // "Connecting to …": looks like Info, stays until the outcome replaces it
    };
    explicit MessageBar(QWidget *parent = nullptr);
    void showMessage(Kind kind, const QString &text);
    // A button after the text, removed with the message. Connect to its clicked().
    QPushButton *addButton(const QString &text);
    QString text() const;
    Kind kind() const { return m_kind; }
    bool isTransient() const { return m_kind == Info || m_kind == Success; }
    // Hides a success/info message at once (the state it described changed); errors stay.
    void dismissTransient();
    void dismiss();

    static constexpr int kDefaultAutoHideMs = 6000;
    void setAutoHideMs(int ms); // for tests
    int autoHideMs() const;
    bool isAutoHiding() const; // the shown message will go by itself
    void setVisible(bool visible) override;

Q_SIGNALS:
    void shownChanged(bool shown);

private:
    void clearButtons();

    Kind m_kind = Info;
    QLabel *m_icon;
    QLabel *m_text;
    QHBoxLayout *m_buttonRow;
    QToolButton *m_close;
    QTimer *m_autoHide;
    QList<QPushButton *> m_buttons;
};

} // namespace pbxvault
