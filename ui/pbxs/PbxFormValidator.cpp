#include "PbxFormValidator.h"

#include <QRegularExpression>

namespace pbxvault {

QUrl PbxFormValidator::normaliseUrl(const QString &text, QString *error)
{
    auto fail = [error](const QString &message) {
        if (error)
            *error = message;
        return QUrl();
    };
    QString trimmed = text.trimmed();
    if (trimmed.isEmpty())
        return fail(tr("Enter the address of the PBX, e.g. https://pbx.example.com"));
    if (!trimmed.contains(QLatin1String("://")))
        trimmed.prepend(QLatin1String("https://"));
    const QUrl url(trimmed, QUrl::StrictMode);
    if (!url.isValid() || url.host().isEmpty())
        return fail(tr("This is not a valid address."));
    const QString scheme = url.scheme().toLower();
    if (scheme != QLatin1String("https") && scheme != QLatin1String("http"))
        return fail(tr("The address must start with https:// (or http://)."));
    if (!url.userInfo().isEmpty())
        return fail(tr("Put the username in its own field, not in the address."));
    if ((!url.path().isEmpty() && url.path() != QLatin1String("/")) || url.hasQuery() ||
        url.hasFragment())
        return fail(tr("Enter only the PBX's address, without a path."));
    QUrl base;
    base.setScheme(scheme);
    base.setHost(url.host());
    base.setPort(url.port());
    return base;
}

PbxFormErrors PbxFormValidator::validate(const PbxForm &form, const QVector<PbxRecord> &existing)
{
    PbxFormErrors errors;

    const QString name = form.name.trimmed();
    if (name.isEmpty()) {
        errors.name = tr("Give the PBX a name, e.g. “Head office”.");
    } else if (name.size() > 100) {
        errors.name = tr("Use at most 100 characters.");
    } else {
        for (const PbxRecord &pbx : existing) {
            if (pbx.id != form.id && pbx.name.compare(name, Qt::CaseInsensitive) == 0) {
                errors.name = tr("There is already a PBX called “%1”.").arg(pbx.name);
                break;
            }
        }
    }

    normaliseUrl(form.url, &errors.url);

    static const QRegularExpression tenantPattern(QStringLiteral("^[A-Za-z0-9._-]+$"));
    const QString tenant = form.tenant.trimmed();
    if (tenant.isEmpty())
        errors.tenant = tr("Enter the tenant; single-tenant PBXs use “default”.");
    else if (!tenantPattern.match(tenant).hasMatch())
        errors.tenant = tr("Use letters, digits, dots, dashes and underscores only.");

    if (form.username.trimmed().isEmpty())
        errors.username = tr("Enter the username of a PBX administrator.");
    if (form.id == 0 && form.password.isEmpty())
        errors.password = tr("Enter the password.");

    if (form.role == PbxRole::Master) {
        for (const PbxRecord &pbx : existing) {
            if (pbx.id != form.id && pbx.role == PbxRole::Master && pbx.enabled) {
                errors.role = tr("“%1” is already the master PBX. Make it a secondary PBX "
                                 "first, or choose Secondary here.")
                                  .arg(pbx.name);
                break;
            }
        }
    }
    errors.schedule = form.scheduleError;
    return errors;
}

} // namespace pbxvault
