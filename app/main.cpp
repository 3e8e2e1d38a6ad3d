#include "cli/CommandLine.h"

int main(int argc, char *argv[])
{
    return pbxvault::runPbxVault(argc, argv);
}
