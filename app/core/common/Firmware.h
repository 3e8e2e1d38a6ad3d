#pragma once

#include <QString>

namespace pbxvault {

// Compares dotted firmware versions numerically ("4.10.0" > "4.9.4"); non-numeric parts
// compare as text. Returns <0, 0 or >0.
int compareFirmware(const QString &a, const QString &b);

} // namespace pbxvault
