#pragma once

#include "diff/ArchiveDiff.h"

#include <QColor>
#include <QIcon>

class QPalette;

namespace pbxvault {

// Colours and icons of the diff view, derived from the palette in use (light, dark or high
// contrast): added and removed lines get a faint tint of the Go and Danger tones that keeps
// the palette's text readable on it (4.5:1); every status has an icon whose shape says it
// (plus, minus, tilde, equals, slashed circle), so colour is never the only cue.
class DiffColors
{
public:
    static QColor addedBackground(const QPalette &palette);
    static QColor removedBackground(const QPalette &palette);
    static QColor hunkBackground(const QPalette &palette);
    static QIcon statusIcon(MemberStatus status, const QPalette &palette);
};

} // namespace pbxvault
