#include "StoreMounts.h"

#include <QCoreApplication>
#include <QDir>
#include <QRegularExpression>

namespace pbxvault {

bool StoreMounts::isValidName(const QString &name)
{
    static const QRegularExpression valid(QStringLiteral("^[A-Za-z0-9_-][A-Za-z0-9._-]{0,63}$"));
    return valid.match(name).hasMatch();
}

QString StoreMounts::nameProblem(const QString &name)
{
    if (isValidName(name))
        return {};
    return QCoreApplication::translate("Catalog",
                                       "\"%1\" cannot name a store: use 1 to 64 letters, digits, "
                                       "'.', '_' or '-', not starting with '.'.")
        .arg(name);
}

void StoreMounts::setMount(const QString &name, const QString &root)
{
    if (root.isEmpty())
        m_roots.remove(name);
    else
        m_roots.insert(name, QDir::cleanPath(QDir(root).absolutePath()));
}

QString StoreMounts::root(const QString &name) const
{
    return m_roots.value(name);
}

QString StoreMounts::localPath(const QString &store, const QString &storedPath) const
{
    if (store.isEmpty())
        return storedPath;
    const QString base = root(store);
    if (base.isEmpty() || storedPath.isEmpty())
        return {};
    return QDir::cleanPath(base + QLatin1Char('/') + storedPath);
}

QString StoreMounts::storedPath(const QString &store, const QString &localPath,
                                QString *error) const
{
    if (store.isEmpty())
        return localPath;
    const QString base = root(store);
    if (base.isEmpty()) {
        *error =
            QCoreApplication::translate("Catalog", "The shared store \"%1\" is not mapped on this "
                                                   "computer.")
                .arg(store);
        return {};
    }
    const QString relative =
        QDir(base).relativeFilePath(QDir::cleanPath(QDir(base).absoluteFilePath(localPath)));
    if (relative.isEmpty() || relative == QLatin1String(".") ||
        relative.startsWith(QLatin1String("../")) || relative == QLatin1String("..") ||
        QDir::isAbsolutePath(relative)) {
        *error =
            QCoreApplication::translate("Catalog", "%1 is not inside the shared store \"%2\" (%3).")
                .arg(QDir::toNativeSeparators(localPath), store, QDir::toNativeSeparators(base));
        return {};
    }
    return relative;
}

} // namespace pbxvault
