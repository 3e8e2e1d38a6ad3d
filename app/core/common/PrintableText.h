#pragma once

#include <QString>

namespace pbxvault {

// Member names and lines come from untrusted archives: before they are shown (terminal or
// widget), control and format characters (escape sequences, bidirectional overrides, NUL...)
// become visible "\xNN" escapes.
class PrintableText
{
public:
    enum class Tabs
    {
        Escape,
        Keep // lines of configuration files: tabs are part of their layout
    };
    static QString escape(const QString &untrusted, Tabs tabs = Tabs::Escape);
};

} // namespace pbxvault
