// Renders the application's SVG icon into the raster icons the platforms want, at build time:
//
//   pbxvault_svgicons INPUT.svg [--small SMALL.svg] OUTPUT...
//
// where each OUTPUT is one of
//   SIZE=FILE.png   a SIZE x SIZE PNG (hicolor theme sizes on Linux)
//   FILE.ico        a Windows icon with 16, 24, 32, 48, 64, 128 and 256 px images (PNG-encoded)
//   FILE.icns       a macOS icon with 16 to 1024 px images, 1x and 2x (PNG-encoded)
//
// With --small, sizes below 32 px are rendered from SMALL.svg, a variant drawn on a 16 px grid
// so that it stays crisp where the full drawing's details would blur.
//
// Rendering goes through QtSvg, the renderer the application itself uses, so the packaged
// icons look exactly like the ones in the window and the tray.

#include <QBuffer>
#include <QByteArray>
#include <QDataStream>
#include <QFile>
#include <QImage>
#include <QPainter>
#include <QSaveFile>
#include <QString>
#include <QSvgRenderer>

#include <cstdio>
#include <utility>
#include <vector>

namespace {

struct Sources
{
    QSvgRenderer full;
    QSvgRenderer small; // optional
    QSvgRenderer &forSize(int size) { return size < 32 && small.isValid() ? small : full; }
};

QImage render(QSvgRenderer &svg, int size)
{
    QImage image(size, size, QImage::Format_ARGB32_Premultiplied);
    image.fill(Qt::transparent);
    QPainter painter(&image);
    painter.setRenderHint(QPainter::Antialiasing);
    painter.setRenderHint(QPainter::SmoothPixmapTransform);
    svg.render(&painter, QRectF(0, 0, size, size));
    painter.end();
    return image.convertToFormat(QImage::Format_ARGB32);
}

QByteArray png(Sources &svg, int size)
{
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    render(svg.forSize(size), size).save(&buffer, "PNG");
    return bytes;
}

bool writeFile(const QString &path, const QByteArray &bytes)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size() || !file.commit()) {
        std::fprintf(stderr, "svgicons: cannot write %s: %s\n", qPrintable(path),
                     qPrintable(file.errorString()));
        return false;
    }
    return true;
}

// ICONDIR + ICONDIRENTRY list + PNG images (supported since Windows Vista).
QByteArray ico(Sources &svg)
{
    const std::vector<int> sizes{16, 24, 32, 48, 64, 128, 256};
    std::vector<QByteArray> images;
    for (int size : sizes)
        images.push_back(png(svg, size));

    QByteArray bytes;
    QDataStream out(&bytes, QIODevice::WriteOnly);
    out.setByteOrder(QDataStream::LittleEndian);
    out << quint16(0) << quint16(1) << quint16(sizes.size());
    quint32 offset = 6 + 16 * quint32(sizes.size());
    for (std::size_t i = 0; i < sizes.size(); ++i) {
        const quint8 side = sizes[i] >= 256 ? 0 : quint8(sizes[i]); // 0 means 256
        out << side << side << quint8(0) << quint8(0) << quint16(1) << quint16(32)
            << quint32(images[i].size()) << offset;
        offset += quint32(images[i].size());
    }
    for (const QByteArray &image : images)
        out.writeRawData(image.constData(), int(image.size()));
    return bytes;
}

// 'icns' header + one element per size, each a PNG (supported since OS X 10.7).
QByteArray icns(Sources &svg)
{
    const std::vector<std::pair<const char *, int>> elements{
        {"icp4", 16},  {"icp5", 32},  {"ic11", 32},  {"ic12", 64},  {"ic07", 128},
        {"ic13", 256}, {"ic08", 256}, {"ic14", 512}, {"ic09", 512}, {"ic10", 1024}};
    QByteArray body;
    QDataStream out(&body, QIODevice::WriteOnly);
    out.setByteOrder(QDataStream::BigEndian);
    for (const auto &[type, size] : elements) {
        const QByteArray image = png(svg, size);
        out.writeRawData(type, 4);
        out << quint32(8 + image.size());
        out.writeRawData(image.constData(), int(image.size()));
    }
    QByteArray bytes;
    QDataStream header(&bytes, QIODevice::WriteOnly);
    header.setByteOrder(QDataStream::BigEndian);
    header.writeRawData("icns", 4);
    header << quint32(8 + body.size());
    return bytes + body;
}

} // namespace

int main(int argc, char *argv[])
{
    int first = 2;
    if (argc > 3 && qstrcmp(argv[2], "--small") == 0)
        first = 4;
    if (argc <= first) {
        std::fprintf(
            stderr, "usage: %s INPUT.svg [--small SMALL.svg] SIZE=FILE.png|FILE.ico|FILE.icns...\n",
            argv[0]);
        return 2;
    }
    Sources svg;
    for (int i = 1; i < first; i += 2) {
        QSvgRenderer &renderer = i == 1 ? svg.full : svg.small;
        if (!renderer.load(QString::fromLocal8Bit(argv[i]))) {
            std::fprintf(stderr, "svgicons: cannot read %s\n", argv[i]);
            return 1;
        }
    }
    for (int i = first; i < argc; ++i) {
        const QString output = QString::fromLocal8Bit(argv[i]);
        QByteArray bytes;
        QString path = output;
        if (output.endsWith(QLatin1String(".ico"))) {
            bytes = ico(svg);
        } else if (output.endsWith(QLatin1String(".icns"))) {
            bytes = icns(svg);
        } else {
            const qsizetype eq = output.indexOf(QLatin1Char('='));
            bool ok = false;
            const int size = eq > 0 ? output.left(eq).toInt(&ok) : 0;
            if (!ok || size <= 0 || size > 4096) {
                std::fprintf(stderr, "svgicons: expected SIZE=FILE.png, got %s\n", argv[i]);
                return 2;
            }
            path = output.mid(eq + 1);
            bytes = png(svg, size);
        }
        if (bytes.isEmpty() || !writeFile(path, bytes))
            return 1;
    }
    return 0;
}
