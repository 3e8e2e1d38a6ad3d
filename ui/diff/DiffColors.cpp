#include "DiffColors.h"

#include "ActionButtons.h"

#include <QPainter>
#include <QPainterPath>
#include <QPalette>
#include <QPixmap>

namespace pbxvault {

namespace {

QColor mix(const QColor &base, const QColor &tint, double amount)
{
    return QColor::fromRgbF(float(base.redF() + (tint.redF() - base.redF()) * amount),
                            float(base.greenF() + (tint.greenF() - base.greenF()) * amount),
                            float(base.blueF() + (tint.blueF() - base.blueF()) * amount));
}

// The strongest tint (at most 22%) of the tone over Base on which Text still reads at 4.5:1.
QColor tint(Tones::Tone tone, const QPalette &palette)
{
    const QColor base = palette.color(QPalette::Base);
    const QColor text = palette.color(QPalette::Text);
    const QColor hue = Tones::text(tone, base);
    for (double amount = 0.22; amount > 0.02; amount -= 0.02) {
        const QColor c = mix(base, hue, amount);
        if (Tones::contrast(text, c) >= Tones::kTextContrast)
            return c;
    }
    return base;
}

QPixmap drawIcon(MemberStatus status, const QPalette &palette, int size)
{
    QPixmap pixmap(size, size);
    pixmap.fill(Qt::transparent);
    QPainter p(&pixmap);
    p.setRenderHint(QPainter::Antialiasing);
    const QColor base = palette.color(QPalette::Base);
    QColor color = palette.color(QPalette::Text);
    switch (status) {
    case MemberStatus::Added:
        color = Tones::text(Tones::Go, base);
        break;
    case MemberStatus::Removed:
        color = Tones::text(Tones::Danger, base);
        break;
    case MemberStatus::Changed:
        color = Tones::text(Tones::Caution, base);
        break;
    case MemberStatus::Unchanged:
    case MemberStatus::Ignored:
        break;
    }
    const qreal s = size;
    QPen pen(color, qMax<qreal>(1.5, s / 8), Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin);
    p.setPen(pen);
    const qreal m = s * 0.2; // margin
    const qreal c = s / 2;
    switch (status) {
    case MemberStatus::Added:
        p.drawLine(QPointF(m, c), QPointF(s - m, c));
        p.drawLine(QPointF(c, m), QPointF(c, s - m));
        break;
    case MemberStatus::Removed:
        p.drawLine(QPointF(m, c), QPointF(s - m, c));
        break;
    case MemberStatus::Changed: {
        QPainterPath tilde(QPointF(m, c + s * 0.06));
        tilde.cubicTo(QPointF(c - s * 0.1, c - s * 0.3), QPointF(c + s * 0.1, c + s * 0.3),
                      QPointF(s - m, c - s * 0.06));
        p.drawPath(tilde);
        break;
    }
    case MemberStatus::Unchanged:
        pen.setWidthF(qMax<qreal>(1, s / 12));
        p.setPen(pen);
        p.drawLine(QPointF(m, c - s * 0.12), QPointF(s - m, c - s * 0.12));
        p.drawLine(QPointF(m, c + s * 0.12), QPointF(s - m, c + s * 0.12));
        break;
    case MemberStatus::Ignored:
        pen.setWidthF(qMax<qreal>(1, s / 12));
        p.setPen(pen);
        p.drawEllipse(QRectF(m, m, s - 2 * m, s - 2 * m));
        p.drawLine(QPointF(s - m - s * 0.09, m + s * 0.09),
                   QPointF(m + s * 0.09, s - m - s * 0.09));
        break;
    }
    return pixmap;
}

} // namespace

QColor DiffColors::addedBackground(const QPalette &palette)
{
    return tint(Tones::Go, palette);
}

QColor DiffColors::removedBackground(const QPalette &palette)
{
    return tint(Tones::Danger, palette);
}

QColor DiffColors::hunkBackground(const QPalette &palette)
{
    const QColor base = palette.color(QPalette::Base);
    const QColor alternate = palette.color(QPalette::AlternateBase);
    const QColor c = alternate == base ? mix(base, palette.color(QPalette::Text), 0.08) : alternate;
    return Tones::contrast(palette.color(QPalette::Text), c) >= Tones::kTextContrast ? c : base;
}

QIcon DiffColors::statusIcon(MemberStatus status, const QPalette &palette)
{
    QIcon icon;
    for (const int size : {16, 24, 32, 48})
        icon.addPixmap(drawIcon(status, palette, size));
    return icon;
}

} // namespace pbxvault
