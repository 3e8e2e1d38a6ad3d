#pragma once

#include <QLabel>

namespace pbxvault {

// The large heading at the top of each view.
class ViewTitle : public QLabel
{
    Q_OBJECT
public:
    explicit ViewTitle(const QString &text, QWidget *parent = nullptr);
};

} // namespace pbxvault
