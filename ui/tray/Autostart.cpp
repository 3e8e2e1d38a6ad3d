#include "Autostart.h"

#include "UiLog.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSaveFile>
#include <QSettings>

namespace pbxvault {

namespace {
const auto kWindowsRunKey =
    QStringLiteral("HKEY_CURRENT_USER\\Software\\Microsoft\\Windows\\CurrentVersion\\Run");
const auto kWindowsValue = QStringLiteral("PBX Vault");
const auto kMacLabel = QStringLiteral("org.pbxvault.PBXVault");

#if !defined(Q_OS_WIN) && !defined(Q_OS_MACOS)
QString xdgConfigHome()
{
    const QString env = qEnvironmentVariable("XDG_CONFIG_HOME");
    if (!env.isEmpty() && QDir::isAbsolutePath(env))
        return env;
    return QDir::home().filePath(QStringLiteral(".config"));
}
#endif

#if defined(Q_OS_WIN)
// One argument of a Windows command line (CommandLineToArgvW rules).
QString windowsQuote(const QString &arg)
{
    if (!arg.isEmpty() && !arg.contains(QLatin1Char(' ')) && !arg.contains(QLatin1Char('\t')) &&
        !arg.contains(QLatin1Char('"')))
        return arg;
    QString out = QStringLiteral("\"");
    int backslashes = 0;
    for (const QChar c : arg) {
        if (c == QLatin1Char('\\')) {
            ++backslashes;
            continue;
        }
        if (c == QLatin1Char('"'))
            out += QString(backslashes * 2 + 1, QLatin1Char('\\'));
        else
            out += QString(backslashes, QLatin1Char('\\'));
        backslashes = 0;
        out += c;
    }
    out += QString(backslashes * 2, QLatin1Char('\\'));
    out += QLatin1Char('"');
    return out;
}

#else
bool writeFile(const QString &path, const QByteArray &content, QString *error)
{
    if (!QDir().mkpath(QFileInfo(path).absolutePath())) {
        if (error)
            *error = Autostart::tr("Cannot create the folder %1.")
                         .arg(QDir::toNativeSeparators(QFileInfo(path).absolutePath()));
        return false;
    }
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(content) != content.size() ||
        !file.commit()) {
        if (error)
            *error = Autostart::tr("Cannot write %1: %2")
                         .arg(QDir::toNativeSeparators(path), file.errorString());
        return false;
    }
    return true;
}

bool removeFile(const QString &path, QString *error)
{
    if (!QFile::exists(path) || QFile::remove(path))
        return true;
    if (error)
        *error = Autostart::tr("Cannot remove %1.").arg(QDir::toNativeSeparators(path));
    return false;
}
#endif
} // namespace

Autostart::Autostart(const QString &dataDir, const QString &program) : m_program(program)
{
    if (!dataDir.isEmpty())
        m_dataDir = QFileInfo(dataDir).absoluteFilePath();
    if (m_program.isEmpty())
        m_program = qEnvironmentVariable("APPIMAGE"); // the AppImage, not its mount point
    if (m_program.isEmpty())
        m_program = QCoreApplication::applicationFilePath();
}

QStringList Autostart::arguments() const
{
    QStringList args{QStringLiteral("--tray")};
    if (!m_dataDir.isEmpty())
        args << QStringLiteral("--data-dir") << QDir::toNativeSeparators(m_dataDir);
    return args;
}

QString Autostart::location() const
{
#if defined(Q_OS_WIN)
    return kWindowsRunKey;
#elif defined(Q_OS_MACOS)
    return QDir::home().filePath(QStringLiteral("Library/LaunchAgents/%1.plist").arg(kMacLabel));
#else
    return QDir(xdgConfigHome()).filePath(QStringLiteral("autostart/pbxvault.desktop"));
#endif
}

QString Autostart::desktopExec(const QString &program, const QStringList &arguments)
{
    // Desktop Entry Specification, "The Exec key": an argument with reserved characters is
    // double-quoted, with ", `, $ and \ escaped by a backslash; then the whole value is a
    // string, whose own escape rule doubles every backslash. A literal % is written %%.
    const QString reserved = QStringLiteral(" \t\n\"'\\><~|&;$*?#()`");
    auto quote = [&reserved](QString arg) {
        arg.replace(QLatin1Char('%'), QStringLiteral("%%"));
        bool needs = arg.isEmpty();
        for (const QChar c : std::as_const(arg))
            needs = needs || reserved.contains(c);
        if (!needs)
            return arg;
        QString out;
        for (const QChar c : std::as_const(arg)) {
            if (c == QLatin1Char('"') || c == QLatin1Char('`') || c == QLatin1Char('$') ||
                c == QLatin1Char('\\'))
                out += QLatin1Char('\\');
            out += c;
        }
        out.replace(QLatin1Char('\\'), QStringLiteral("\\\\"));
        return QLatin1Char('"') + out + QLatin1Char('"');
    };
    QStringList parts{quote(program)};
    for (const QString &a : arguments)
        parts << quote(a);
    return parts.join(QLatin1Char(' '));
}

QString Autostart::desktopEntry() const
{
    QString text;
    text += QStringLiteral("[Desktop Entry]\n");
    text += QStringLiteral("Type=Application\n");
    text += QStringLiteral("Name=PBX Vault\n");
    text += QStringLiteral("Comment=Scheduled backups of KalliopePBX phone systems\n");
    text += QStringLiteral("Exec=%1\n").arg(desktopExec(m_program, arguments()));
    text += QStringLiteral("Icon=pbxvault\n");
    text += QStringLiteral("Terminal=false\n");
    text += QStringLiteral("Categories=Utility;Archiving;\n");
    text += QStringLiteral("X-GNOME-Autostart-enabled=true\n");
    return text;
}

bool Autostart::isEnabled() const
{
#if defined(Q_OS_WIN)
    QSettings run(kWindowsRunKey, QSettings::NativeFormat);
    return run.contains(kWindowsValue);
#else
    return QFile::exists(location());
#endif
}

bool Autostart::setEnabled(bool on, QString *error)
{
    bool ok = true;
#if defined(Q_OS_WIN)
    QSettings run(kWindowsRunKey, QSettings::NativeFormat);
    if (on) {
        QStringList parts{windowsQuote(QDir::toNativeSeparators(m_program))};
        for (const QString &a : arguments())
            parts << windowsQuote(a);
        run.setValue(kWindowsValue, parts.join(QLatin1Char(' ')));
    } else {
        run.remove(kWindowsValue);
    }
    run.sync();
    ok = run.status() == QSettings::NoError;
    if (!ok && error)
        *error = Autostart::tr("Cannot change the login items in "
                               "the registry.");
#elif defined(Q_OS_MACOS)
    if (on) {
        QString plist = QStringLiteral("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                                       "<!DOCTYPE plist PUBLIC \"-//Apple//DTD PLIST 1.0//EN\" "
                                       "\"http://www.apple.com/DTDs/PropertyList-1.0.dtd\">\n"
                                       "<plist version=\"1.0\">\n<dict>\n"
                                       "  <key>Label</key>\n  <string>%1</string>\n"
                                       "  <key>ProgramArguments</key>\n  <array>\n")
                            .arg(kMacLabel);
        for (const QString &a : QStringList{m_program} + arguments())
            plist += QStringLiteral("    <string>%1</string>\n").arg(a.toHtmlEscaped());
        plist += QStringLiteral("  </array>\n  <key>RunAtLoad</key>\n  <true/>\n"
                                "  <key>ProcessType</key>\n  <string>Interactive</string>\n"
                                "</dict>\n</plist>\n");
        ok = writeFile(location(), plist.toUtf8(), error);
    } else {
        ok = removeFile(location(), error);
    }
#else
    ok = on ? writeFile(location(), desktopEntry().toUtf8(), error) : removeFile(location(), error);
#endif
    if (ok)
        qCInfo(lcUi) << (on ? "Start at login enabled:" : "Start at login disabled:") << location();
    else
        qCWarning(lcUi) << "Cannot change start at login" << location();
    return ok;
}

} // namespace pbxvault
