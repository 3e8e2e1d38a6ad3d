#include "UiLog.h"

namespace pbxvault {

Q_LOGGING_CATEGORY(lcUi, "pbxvault.ui")

} // namespace pbxvault
