#include "ProgressLine.h"

#include "common/Labels.h"
#include "ops/Job.h"

#include <QLocale>

#include <algorithm>
#include <cstdio>

#ifdef Q_OS_UNIX
#include <sys/ioctl.h>
#include <unistd.h>
#elif defined(Q_OS_WIN)
#include <io.h>
#endif

namespace pbxvault {
namespace {

constexpr qint64 kRedrawMs = 250;
constexpr qint64 kMeasureMs = 1000; // shorter averages make the speed jump about

int terminalColumns()
{
#ifdef Q_OS_UNIX
    winsize size{};
    if (::ioctl(STDERR_FILENO, TIOCGWINSZ, &size) == 0 && size.ws_col > 0)
        return size.ws_col;
#endif
    return 80;
}

void writeStderr(const QString &text)
{
    const QByteArray bytes = text.toUtf8(); // as QTextStream writes the other lines
    std::fwrite(bytes.constData(), 1, size_t(bytes.size()), stderr);
    std::fflush(stderr);
}

} // namespace

QString ProgressLine::text(qint64 done, qint64 total, qint64 elapsedMs)
{
    QStringList parts;
    if (total > 0)
        parts << tr("%1%").arg(
            QLocale().toString(qBound(qint64(0), done * 100 / total, qint64(100))));
    parts << Labels::sizeProgress(done, total);
    if (elapsedMs >= kMeasureMs && done > 0) {
        const double bytesPerSecond = double(done) * 1000.0 / double(elapsedMs);
        parts << Labels::speed(bytesPerSecond);
        if (total > done)
            parts << tr("%1 left").arg(
                Labels::duration(qint64(double(total - done) / bytesPerSecond + 0.5)));
    }
    return parts.join(QStringLiteral(", "));
}

TerminalProgress::TerminalProgress(bool enabled, QObject *parent)
    : QObject(parent), m_enabled(enabled)
{}

TerminalProgress::~TerminalProgress()
{
    clear();
}

bool TerminalProgress::stderrIsTerminal()
{
#ifdef Q_OS_UNIX
    return ::isatty(STDERR_FILENO) == 1;
#elif defined(Q_OS_WIN)
    return ::_isatty(::_fileno(stderr)) != 0;
#else
    return false;
#endif
}

void TerminalProgress::track(Job *job)
{
    if (!m_enabled || !job)
        return;
    Tracked t;
    t.job = job;
    m_jobs.append(t);
    if (!m_started.isValid())
        m_started.start();
    connect(job, &Job::progress, this,
            [this, job](qint64 done, qint64 total) { onProgress(job, done, total); });
    connect(job, &Job::stageChanged, this, [this] {
        if (m_jobs.size() == 1)
            restart();
    });
    connect(job, &Job::finished, this, [this, job] {
        if (Tracked *t = find(job)) {
            t->finished = true;
            if (t->total > t->done)
                t->done = t->total;
        }
    });
}

TerminalProgress::Tracked *TerminalProgress::find(Job *job)
{
    for (Tracked &t : m_jobs) {
        if (t.job == job)
            return &t;
    }
    return nullptr;
}

void TerminalProgress::onProgress(Job *job, qint64 done, qint64 total)
{
    Tracked *t = find(job);
    if (!t)
        return;
    const bool startedOver = done < t->done;
    t->done = done;
    t->total = total;
    if (startedOver && m_jobs.size() == 1)
        restart();
    draw(!m_lastDraw.isValid());
}

void TerminalProgress::restart()
{
    m_started.restart();
}

void TerminalProgress::draw(bool force)
{
    if (!force && m_lastDraw.isValid() && m_lastDraw.elapsed() < kRedrawMs)
        return;
    m_lastDraw.restart();
    qint64 done = 0;
    qint64 total = 0;
    int finished = 0;
    for (const Tracked &t : m_jobs) {
        done += t.done;
        if (t.finished)
            ++finished;
        if (t.total < 0 && !t.finished)
            total = -1;
        else if (total >= 0)
            total += std::max(t.total, t.done);
    }
    QString text = ProgressLine::text(done, total, m_started.elapsed());
    if (m_jobs.size() > 1)
        text = tr("%1 of %2 done: %3").arg(finished).arg(m_jobs.size()).arg(text);
    // One column spare: writing into the last one wraps some terminals onto a new line.
    text.truncate(terminalColumns() - 1);
    const int width = int(text.size());
    writeStderr(QLatin1Char('\r') + text +
                QString(std::max(0, m_drawnWidth - width), QLatin1Char(' ')));
    m_drawnWidth = std::max(m_drawnWidth, width);
}

void TerminalProgress::clear()
{
    if (m_drawnWidth == 0)
        return;
    writeStderr(QLatin1Char('\r') + QString(m_drawnWidth, QLatin1Char(' ')) + QLatin1Char('\r'));
    m_drawnWidth = 0;
    m_lastDraw.invalidate();
}

} // namespace pbxvault
