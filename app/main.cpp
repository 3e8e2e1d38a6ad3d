#include "GuiMain.h"
#include "cli/CommandLine.h"

int main(int argc, char *argv[])
{
    if (pbxvault::isCliInvocation(argc, argv))
        return pbxvault::runCli(argc, argv);
    return pbxvault::runGui(argc, argv);
}
