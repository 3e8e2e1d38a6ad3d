#pragma once

#include <QColor>
#include <QPushButton>

class QPalette;

namespace pbxvault {

// The seed's colours — green for what builds (restore), red for what destroys (delete),
// amber for "careful" — adapted to the palette in use: the same hue, made lighter or darker
// until text on it (or it as text) stays readable in light, dark and high-contrast themes.
class Tones
{
public:
    enum Tone
    {
        Go,
        Danger,
        Caution
    };
    struct ButtonColors
    {
        QColor background;
        QColor hover;
        QColor text;
        QColor disabledBackground;
        QColor disabledText;
        QColor focusBorder;
    };

    // A filled button of this tone in this palette: text on background at least 4.5:1, the
    // background against the window at least 3:1.
    static ButtonColors button(Tone tone, const QPalette &palette);
    // Text of this tone that reads on background at least 4.5:1 (status words, errors).
    static QColor text(Tone tone, const QColor &background);
    // The colour for text of this tone on the application palette's Base (table cells).
    static QColor textOnBase(Tone tone);
    // WCAG 2 contrast ratio, 1 (none) to 21 (black on white).
    static double contrast(const QColor &a, const QColor &b);
    static double luminance(const QColor &color);

    static constexpr double kTextContrast = 4.5;
    static constexpr double kShapeContrast = 3.0;
};

// The coloured buttons the user's description asks for: green for the constructive action
// (restore), red for the destructive one (delete); their colours follow palette changes.
class ActionButton : public QPushButton
{
    Q_OBJECT
public:
    enum Tone
    {
        Go = Tones::Go,
        Danger = Tones::Danger
    };
    ActionButton(Tone tone, const QString &text, QWidget *parent = nullptr);

    Tones::ButtonColors colors() const;

protected:
    void changeEvent(QEvent *event) override;

private:
    void applyColors();

    Tone m_tone;
    bool m_styling = false;
};

} // namespace pbxvault
