#include "ActionButtons.h"

#include <QEvent>
#include <QGuiApplication>
#include <QPalette>

#include <cmath>

namespace pbxvault {

namespace {
// The seed's colours (Material green 800, red 800, orange 800-ish).
QColor seed(Tones::Tone tone)
{
    switch (tone) {
    case Tones::Go:
        return QColor(0x2e, 0x7d, 0x32);
    case Tones::Danger:
        return QColor(0xc6, 0x28, 0x28);
    case Tones::Caution:
        break;
    }
    return QColor(0xb2, 0x6a, 0x00);
}

QColor withLightness(const QColor &color, double lightness)
{
    float h = 0, s = 0, l = 0, a = 0;
    color.getHslF(&h, &s, &l, &a);
    return QColor::fromHslF(h, s, float(qBound(0.0, lightness, 1.0)), a);
}

double lightnessOf(const QColor &color)
{
    return color.toHsl().lightnessF();
}

QColor mix(const QColor &a, const QColor &b, double t)
{
    return QColor::fromRgbF(float(a.redF() + (b.redF() - a.redF()) * t),
                            float(a.greenF() + (b.greenF() - a.greenF()) * t),
                            float(a.blueF() + (b.blueF() - a.blueF()) * t));
}

bool isDark(const QColor &color)
{
    return Tones::luminance(color) < 0.18;
}

// Walks the tone's lightness away from `from` (darker on a light one, lighter on a dark one)
// until ok() holds; the seed colour itself when it already does.
template <typename Ok> QColor adjust(const QColor &start, bool lighter, Ok ok)
{
    QColor c = start;
    double l = lightnessOf(c);
    for (int i = 0; i < 100 && !ok(c); ++i) {
        l += lighter ? 0.01 : -0.01;
        c = withLightness(start, l);
    }
    return c;
}
} // namespace

double Tones::luminance(const QColor &color)
{
    auto channel = [](double v) {
        return v <= 0.03928 ? v / 12.92 : std::pow((v + 0.055) / 1.055, 2.4);
    };
    const QColor c = color.toRgb();
    return 0.2126 * channel(c.redF()) + 0.7152 * channel(c.greenF()) + 0.0722 * channel(c.blueF());
}

double Tones::contrast(const QColor &a, const QColor &b)
{
    const double la = luminance(a);
    const double lb = luminance(b);
    return (qMax(la, lb) + 0.05) / (qMin(la, lb) + 0.05);
}

QColor Tones::text(Tone tone, const QColor &background)
{
    const bool dark = isDark(background);
    QColor start = seed(tone);
    if (dark)
        start = withLightness(start, 0.62);
    return adjust(start, dark,
                  [&](const QColor &c) { return contrast(c, background) >= kTextContrast; });
}

QColor Tones::textOnBase(Tone tone)
{
    return text(tone, QGuiApplication::palette().color(QPalette::Base));
}

Tones::ButtonColors Tones::button(Tone tone, const QPalette &palette)
{
    const QColor window = palette.color(QPalette::Window);
    const bool dark = isDark(window);
    ButtonColors colors;
    // Light theme: the seed with white text. Dark theme: a lighter tone of the same hue
    // with near-black text, so the button neither glows nor sinks into the window.
    colors.text = dark ? QColor(0x10, 0x10, 0x10) : QColor(Qt::white);
    QColor start = seed(tone);
    if (dark)
        start = withLightness(start, 0.6);
    colors.background = adjust(start, dark, [&](const QColor &c) {
        return contrast(c, colors.text) >= kTextContrast && contrast(c, window) >= kShapeContrast;
    });
    colors.hover = adjust(
        withLightness(colors.background, lightnessOf(colors.background) + (dark ? 0.08 : -0.07)),
        dark, [&](const QColor &c) { return contrast(c, colors.text) >= kTextContrast; });
    colors.disabledBackground = mix(colors.background, window, 0.55);
    colors.disabledText = mix(colors.text, colors.disabledBackground, 0.35);
    colors.focusBorder = palette.color(QPalette::WindowText);
    return colors;
}

ActionButton::ActionButton(Tone tone, const QString &text, QWidget *parent)
    : QPushButton(text, parent), m_tone(tone)
{
    setCursor(Qt::PointingHandCursor);
    applyColors();
}

Tones::ButtonColors ActionButton::colors() const
{
    // The surrounding palette, not ours: ours is rewritten by the style sheet.
    const QPalette source = parentWidget() ? parentWidget()->palette() : QGuiApplication::palette();
    return Tones::button(Tones::Tone(m_tone), source);
}

void ActionButton::changeEvent(QEvent *event)
{
    QPushButton::changeEvent(event);
    // setStyleSheet() itself changes the palette: m_styling keeps that from looping.
    if ((event->type() == QEvent::PaletteChange || event->type() == QEvent::ParentChange) &&
        !m_styling)
        applyColors();
}

void ActionButton::applyColors()
{
    const Tones::ButtonColors c = colors();
    const QString sheet =
        QStringLiteral("QPushButton{background:%1;color:%2;font-weight:bold;"
                       "border:2px solid %1;border-radius:4px;padding:5px 18px;}"
                       "QPushButton:hover,QPushButton:pressed{background:%3;"
                       "border-color:%3;}"
                       "QPushButton:disabled{background:%4;border-color:%4;color:%5;}"
                       "QPushButton:focus{border-color:%6;}")
            .arg(c.background.name(), c.text.name(), c.hover.name(), c.disabledBackground.name(),
                 c.disabledText.name(), c.focusBorder.name());
    if (sheet == styleSheet())
        return;
    m_styling = true;
    setStyleSheet(sheet);
    m_styling = false;
}

} // namespace pbxvault
