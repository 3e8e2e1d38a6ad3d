#pragma once

#include <QLoggingCategory>

namespace pbxvault {

Q_DECLARE_LOGGING_CATEGORY(lcUi)

} // namespace pbxvault
