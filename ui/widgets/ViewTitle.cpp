#include "ViewTitle.h"

namespace pbxvault {

ViewTitle::ViewTitle(const QString &text, QWidget *parent) : QLabel(text, parent)
{
    QFont f = font();
    f.setPointSizeF(f.pointSizeF() * 1.5);
    f.setBold(true);
    setFont(f);
}

} // namespace pbxvault
