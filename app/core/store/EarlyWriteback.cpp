#include "EarlyWriteback.h"

#include <QFileDevice>

#ifdef Q_OS_LINUX
#include <fcntl.h>
#endif

namespace pbxvault {

void EarlyWriteback::start(QFileDevice &file)
{
    m_pending = 0;
#ifdef Q_OS_LINUX
    // Queues the dirty pages of the whole file that are not under writeback yet; does not wait
    // for them. Errors are left to the fsync.
    const int fd = file.handle();
    if (fd >= 0)
        (void)::sync_file_range(fd, 0, 0, SYNC_FILE_RANGE_WRITE);
#else
    Q_UNUSED(file);
#endif
}

} // namespace pbxvault
