#pragma once

#include "common/Records.h"

#include <QIcon>

namespace pbxvault {

// The product's icons (resources/icons/*.svg).
class Icons
{
public:
    static QIcon app();
    // System tray states, drawn to stay readable at 16 px.
    static QIcon trayIdle();
    static QIcon trayRunning();
    static QIcon trayFailed();

    static QIcon backups();
    static QIcon restores();
    static QIcon pbxs();
    static QIcon activity();
    static QIcon settings();

    static QIcon add();
    static QIcon importFile();
    static QIcon folder();
    static QIcon verify();
    static QIcon back();
    static QIcon cancel();

    static QIcon success();
    static QIcon failure();
    static QIcon running();
    static QIcon interrupted();
    static QIcon warning();
    static QIcon information(); // neutral: e.g. a backup discarded as unchanged

    static QIcon forOutcome(RestoreOutcome outcome);
    static QIcon forOutcome(JobOutcome outcome);

private:
    static QIcon named(const char *name);
};

} // namespace pbxvault
