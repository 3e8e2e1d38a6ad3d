// BackupStore::sanitizeFileName turns names chosen by a PBX (or typed by a user) into one path
// component. Whatever comes in, what comes out must be safe to join to a folder path.
//
// Input: byte 0 picks the decoding of the rest: UTF-8 (invalid sequences become U+FFFD),
// UTF-16 (lone surrogates possible) or Latin-1.

#include "FuzzSupport.h"
#include "store/BackupStore.h"
#include "store/FileNames.h"

#include <QStringList>

#include <cstddef>
#include <cstdint>
#include <cstring>

using namespace pbxvault;

namespace {

bool isReservedOnWindows(const QString &name)
{
    static const QStringList reserved = {QStringLiteral("CON"),    QStringLiteral("PRN"),
                                         QStringLiteral("AUX"),    QStringLiteral("NUL"),
                                         QStringLiteral("CONIN$"), QStringLiteral("CONOUT$")};
    const QString base = name.section(QLatin1Char('.'), 0, 0).trimmed().toUpper();
    if (reserved.contains(base))
        return true;
    if (base.size() == 4 &&
        (base.startsWith(QLatin1String("COM")) || base.startsWith(QLatin1String("LPT")))) {
        const QChar last = base.back();
        return last.isDigit() || last == QChar(0xb9) || last == QChar(0xb2) || last == QChar(0xb3);
    }
    return false;
}

void checkSafe(const QString &in, const QString &out)
{
    const QString why = QStringLiteral("in: ") + in.toHtmlEscaped() + QStringLiteral(" out: ") +
                        out.toHtmlEscaped();
    FUZZ_CHECK(!out.isEmpty(), why);
    FUZZ_CHECK(out != QLatin1String(".") && out != QLatin1String(".."), why);
    FUZZ_CHECK(!out.contains(QLatin1String("..")), why);
    FUZZ_CHECK(!out.startsWith(QLatin1Char('.')) && !out.startsWith(QLatin1Char('-')), why);
    FUZZ_CHECK(!out.endsWith(QLatin1Char('.')) && !out.back().isSpace(), why);
    FUZZ_CHECK(out.toUtf8().size() <= filenames::kMaxNameBytes, why);
    FUZZ_CHECK(!isReservedOnWindows(out), why);
    const QList<uint> ucs4 = out.toUcs4();
    for (const uint cp : ucs4) {
        FUZZ_CHECK(cp != '/' && cp != '\\' && cp != 0, why);
        FUZZ_CHECK(QStringLiteral("<>:\"|?*").indexOf(QChar(char16_t(cp))) < 0 || cp > 0xffff, why);
        const QChar::Category category = QChar::category(char32_t(cp));
        FUZZ_CHECK(category != QChar::Other_Control && category != QChar::Other_Format &&
                       category != QChar::Other_Surrogate && category != QChar::Separator_Line &&
                       category != QChar::Separator_Paragraph,
                   why);
    }
    // Valid UTF-16: converts to UTF-8 and back unchanged.
    FUZZ_CHECK(QString::fromUtf8(out.toUtf8()) == out, why);
}

} // namespace

extern "C" int LLVMFuzzerInitialize(int *, char ***)
{
    fuzz::quietLogging();
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1 || size > 4096)
        return 0;
    const char *bytes = reinterpret_cast<const char *>(data) + 1;
    const qsizetype length = qsizetype(size - 1);
    QString in;
    switch (data[0] % 3) {
    case 0:
        in = QString::fromUtf8(bytes, length);
        break;
    case 1: // copied: the input is not aligned for char16_t
        in = QString(length / 2, Qt::Uninitialized);
        std::memcpy(in.data(), bytes, size_t(length / 2) * 2);
        break;
    default:
        in = QString::fromLatin1(bytes, length);
        break;
    }
    const QString out = BackupStore::sanitizeFileName(in);
    checkSafe(in, out);
    // Sanitising a safe name changes nothing. Compared in NFC: dropping a character between a
    // letter and a combining mark can leave the output not normalised (known, reported).
    const QString twice = BackupStore::sanitizeFileName(out);
    FUZZ_CHECK(twice.normalized(QString::NormalizationForm_C) ==
                   out.normalized(QString::NormalizationForm_C),
               QStringLiteral("once: ") + out + QStringLiteral(" twice: ") + twice);
    // The names the store derives from it stay safe and findable.
    for (const int n : {1, 12345}) {
        const QString numbered = filenames::numbered(out, n);
        FUZZ_CHECK(!numbered.contains(QLatin1Char('/')) && numbered != QLatin1String(".."),
                   numbered);
    }
    FUZZ_CHECK(filenames::isTempName(filenames::tempName(out)), out);
    return 0;
}
