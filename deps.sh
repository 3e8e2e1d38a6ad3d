#!/usr/bin/env bash
# Installs the Debian 12 packages PBX Vault needs to build, run and test.
# Only what is missing is installed, so running it twice is cheap.
set -euo pipefail

packages=(
    # toolchain
    g++ cmake ninja-build pkg-config git file dpkg-dev
    # libraries
    qt6-base-dev qt6-base-dev-tools libqt6sql6-sqlite libqt6svg6 qt6-svg-dev
    qtkeychain-qt6-dev libsecret-1-0 libarchive-dev libcpp-httplib-dev libssl-dev
    libsodium-dev libssh-dev
    qt6-tools-dev qt6-tools-dev-tools qt6-l10n-tools qt6-translations-l10n
    libgl-dev
    # test components: keychain in a D-Bus session, X server, TLS certificates, tools
    gnome-keyring dbus dbus-x11 xvfb xauth trayer openssl curl time
    # a throwaway PostgreSQL server per test (tests/support/PgServer) and Qt's driver for it
    postgresql libqt6sql6-psql
    # a throwaway OpenSSH server per test (tests/support/SshServer) for the SFTP copy target
    openssh-server openssh-client
    # fuzzing (libFuzzer with ASan/UBSan); the runtime is only a Recommends of clang
    clang libclang-rt-14-dev
    # formatting check (tools/check-format.sh, run by CTest as format_check)
    clang-format
    # package checks
    desktop-file-utils appstream man-db
)

missing=()
for p in "${packages[@]}"; do
    if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
        missing+=("$p")
    fi
done
[ ${#missing[@]} -eq 0 ] && exit 0

sudo=()
if [ "$(id -u)" -ne 0 ]; then
    sudo=(sudo)
fi
echo "Installing: ${missing[*]}"
"${sudo[@]}" apt-get update -qq
DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
