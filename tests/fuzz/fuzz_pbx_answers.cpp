// The answers of a PBX (or of anything that answers at its address): the error bodies and
// redirections of ErrorText::http() and pbxErrorText(), and the firmware, backup-list and salt
// answers.
//
// The list answer goes through NameListParser, checked against Qt's JSON parser (small limits
// here, so that the limits are reached too). The firmware and salt answers are parsed inside
// PbxRequest's private members, which need a live QNetworkReply; until they are extracted as
// pure functions, parseSuccessAnswer() follows PbxRequest::parseAnswer() and finishSalt().
//
// Input: byte 0 picks the HTTP status, byte 1 the answer kind and flags; then the body,
// optionally followed by "\n\x01" and a Location header value.

#include "FuzzSupport.h"
#include "pbx/NameListParser.h"
#include "pbx/PbxErrors.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QTimeZone>
#include <QUrl>

#include <algorithm>
#include <cstddef>
#include <cstdint>

using namespace pbxvault;

namespace {

const int kStatuses[] = {200, 204, 301, 302, 303, 307, 308, 400, 401, 403, 404, 405,
                         409, 413, 429, 500, 502, 503, 504, 299, 399, 599, 0,   600};

void checkDisplayable(const QString &text, int maxLength, const QString &why)
{
    FUZZ_CHECK(text.size() <= maxLength + 1, why); // + the ellipsis
    for (const QChar c : text) {
        const QChar::Category category = c.category();
        FUZZ_CHECK(category != QChar::Other_Control && category != QChar::Other_Format &&
                       category != QChar::Separator_Line && category != QChar::Separator_Paragraph,
                   why);
    }
}

// NameListParser against QJsonDocument: the same names when both accept, and a refusal only
// for what Qt refuses too or for the limits.
void checkNameList(const QByteArray &body)
{
    constexpr int kMaxNames = 20;
    constexpr int kMaxLength = 40;
    QStringList names;
    const NameListParser::Result result = NameListParser(kMaxNames, kMaxLength).parse(body, &names);

    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(body, &error);
    bool qtList = error.error == QJsonParseError::NoError && doc.isArray();
    QStringList qtNames;
    int longest = 0;
    const QJsonArray array = doc.array();
    for (const QJsonValue &v : array) {
        qtList = qtList && v.isString();
        qtNames << v.toString();
        longest = qMax(longest, int(v.toString().size()));
    }
    // Known differences: Qt lets raw control characters and unknown escapes ("\A") through
    // inside strings; JSON (RFC 8259) and NameListParser do not.
    // (Any control character counts: a tab or newline is fine between values, not in a string.)
    bool lenient = std::any_of(body.begin(), body.end(), [](char c) { return quint8(c) < 0x20; });
    for (qsizetype i = 0; i + 1 < body.size(); ++i) {
        if (body[i] == '\\') {
            lenient = lenient || !QByteArrayLiteral("\"\\/bfnrtu").contains(body[i + 1]);
            ++i;
        }
    }
    const QString why = QString::fromUtf8(body.left(200).toPercentEncoding(" []{},:\"")) +
                        QStringLiteral(" -> ") + QString::number(int(result));
    switch (result) {
    case NameListParser::Result::Ok:
        // Known difference: invalid UTF-8 inside a name is decoded with U+FFFD here, while Qt
        // refuses the whole document.
        FUZZ_CHECK(
            error.error == QJsonParseError::IllegalUTF8String || (qtList && names == qtNames), why);
        FUZZ_CHECK(names.size() <= kMaxNames, why);
        for (const QString &name : std::as_const(names)) {
            FUZZ_CHECK(name.size() <= kMaxLength, why);
            checkDisplayable(displayText(name), 80, name);
        }
        break;
    case NameListParser::Result::NotAList:
        FUZZ_CHECK(!qtList || lenient, why);
        break;
    case NameListParser::Result::TooManyNames:
        FUZZ_CHECK(!qtList || qtNames.size() > kMaxNames, why);
        break;
    case NameListParser::Result::NameTooLong:
        FUZZ_CHECK(!qtList || longest > kMaxLength, why);
        break;
    }
    if (qtList && !lenient && qtNames.size() <= kMaxNames && longest <= kMaxLength)
        FUZZ_CHECK(result == NameListParser::Result::Ok, why);
}

// The rules of PbxRequest::parseAnswer() (firmware, names) and finishSalt().
void parseSuccessAnswer(int kind, const QByteArray &body)
{
    if (kind == 0) {
        QString text = QString::fromUtf8(body).trimmed();
        const QJsonDocument doc = QJsonDocument::fromJson("[" + body + "]");
        if (doc.isArray() && doc.array().size() == 1 && doc.array().first().isString())
            text = doc.array().first().toString().trimmed();
        static const QRegularExpression version(QStringLiteral("^[0-9][0-9A-Za-z.+_-]{0,63}$"));
        if (version.match(text).hasMatch()) {
            FUZZ_CHECK(text.size() <= 64 && !text.contains(QLatin1Char('/')), text);
        } else {
            checkDisplayable(displayText(text, 40), 40, text);
        }
    } else if (kind == 1) {
        checkNameList(body);
    } else {
        const QJsonValue salt = QJsonDocument::fromJson(body).object().value(QLatin1String("salt"));
        if (salt.isString())
            (void)salt.toString().toUtf8();
    }
}

} // namespace

extern "C" int LLVMFuzzerInitialize(int *, char ***)
{
    fuzz::quietLogging();
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 2 || size > 64 * 1024) // PbxRequest keeps at most 64 KiB of a small answer
        return 0;
    const int status = kStatuses[data[0] % std::size(kStatuses)];
    const int flags = data[1];
    QByteArray body(reinterpret_cast<const char *>(data) + 2, qsizetype(size - 2));
    QByteArray location;
    const qsizetype split = body.indexOf("\n\x01");
    if (split >= 0) {
        location = body.mid(split + 2);
        body.truncate(split);
    }

    const QString text = pbxErrorText(body);
    checkDisplayable(text, 200, QString::fromUtf8(body));

    ErrorText errors(QStringLiteral("list the backups on pbx.example.com"));
    ErrorText::HttpContext context;
    context.body = body;
    context.backupName = (flags & 4) ? QString::fromUtf8(location) : QString();
    context.tenant = QString::fromUtf8(location.left(64));
    context.saltLookup = flags & 8;
    context.restore = flags & 16;
    context.now = QDateTime::fromSecsSinceEpoch(1764547200, QTimeZone::utc());
    if (flags & 32)
        context.serverDate = context.now.addSecs(qint64(qint8(data[1])) * 97);
    context.requestUrl = QUrl(QStringLiteral("https://pbx.example.com:8443/rest/backup/list"));
    context.location = location;
    const PbxError error = errors.http(status, context);
    FUZZ_CHECK(error.isError() && !error.message.isEmpty(), QString::fromUtf8(body));
    // Nothing of the answer reaches the message unfiltered: no control characters from it.
    for (const QChar c : error.message) {
        const QChar::Category category = c.category();
        FUZZ_CHECK(category != QChar::Other_Control && category != QChar::Separator_Line &&
                       category != QChar::Separator_Paragraph,
                   error.message);
    }

    parseSuccessAnswer(flags & 3, body);
    return 0;
}
