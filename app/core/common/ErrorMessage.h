#pragma once

#include <QString>
#include <QStringList>
#include <QVariant>

namespace pbxvault {

// An error as a stable code plus its parameters, so that it is worded in the reader's language
// when it is shown, not in the language of the process that wrote it (the catalog keeps both).
//
// - code: a stable dotted name ("pbx.auth", "store.disk_full"); the table in ErrorMessage.cpp
//   maps it to a source text and the translation context that text already has, so existing
//   translations apply.
// - args: the text's %1, %2... Each is plain text, or "@" followed by the JSON of a nested
//   ErrorMessage, rendered in the reader's language too. Plain text that begins with "@" is
//   kept as "@@..." (arg() does this).
// - count: the %n of a plural text, -1 when the text has none.
// - Clauses: a table entry may be a clause of a frame sentence. Its first argument then goes
//   to the frame, the others to the clause: "pbx.auth" with args [action] renders as
//   "Could not <action>: the PBX refused the login...". So the code says what went wrong while
//   the sentence also says what was being done.
struct ErrorMessage
{
    QString code; // empty: no code (the text alone is all there is)
    QStringList args;
    int count = -1;

    ErrorMessage() = default;
    explicit ErrorMessage(const QString &code) : code(code) {}
    explicit ErrorMessage(const char *code) : code(QString::fromLatin1(code)) {}

    bool isNull() const { return code.isEmpty(); }
    bool operator==(const ErrorMessage &o) const
    {
        return code == o.code && args == o.args && count == o.count;
    }
    bool operator!=(const ErrorMessage &o) const { return !(*this == o); }

    // Builders: ErrorMessage("pbx.refused").arg(host).
    ErrorMessage &arg(const QString &text);
    ErrorMessage &arg(const char *text) { return arg(QString::fromUtf8(text)); }
    ErrorMessage &arg(qint64 number) { return arg(QString::number(number)); }
    ErrorMessage &arg(int number) { return arg(QString::number(number)); }
    ErrorMessage &arg(const ErrorMessage &nested);
    ErrorMessage &plural(int n)
    {
        count = n;
        return *this;
    }

    // The sentence in the language of the translators installed now. Empty when the code is
    // unknown (a newer build wrote it) or null: callers fall back on the stored text.
    QString text() const;
    // A clause (see above) worded alone, without its frame sentence; args are the clause's own.
    // text() for any other code.
    QString clauseText() const;
    // text(), or fallback when the code cannot be rendered.
    QString textOr(const QString &fallback) const;

    // Compact JSON: {"code":"pbx.auth","args":[...],"n":3}. Empty for a null message.
    QString toJson() const;
    // A null message for empty or unreadable text.
    static ErrorMessage fromJson(const QString &json);

    // Whether code appears here or in a nested message (tests, scripts looking for a cause).
    bool mentions(const QString &code) const;

    // What the catalog shows for a stored error: the code rendered now, else the stored text
    // (rows written before codes existed, or codes of a newer build).
    static QString render(const QVariant &storedCode, const QString &storedText);

    // Every code of the table (tests check that each one renders).
    static QStringList knownCodes();
};

} // namespace pbxvault

Q_DECLARE_METATYPE(pbxvault::ErrorMessage)
