#pragma once

#include <QPushButton>

namespace pbxvault {

// The coloured buttons the user's description asks for: green for the constructive action
// (restore), red for the destructive one (delete).
class ActionButton : public QPushButton
{
    Q_OBJECT
public:
    enum Tone
    {
        Go,
        Danger
    };
    ActionButton(Tone tone, const QString &text, QWidget *parent = nullptr);
};

} // namespace pbxvault
