#!/usr/bin/env python3
"""Writes the seed corpora in corpus/<harness>/ (run from anywhere; output is deterministic).

The seeds are small (at most 4 KiB each): typical and hostile cron lines, file names, PBX
answers and archives. libFuzzer mutates from them; a finding is added to its folder by hand.
"""
import bz2
import gzip
import io
import lzma
import os
import random
import struct
import tarfile
import zipfile

HERE = os.path.dirname(os.path.abspath(__file__))
tarfile.RECORDSIZE = 512  # no padding of the archive to 10 KiB


def write(harness, name, data):
    assert len(data) <= 4096, (harness, name, len(data))
    folder = os.path.join(HERE, "corpus", harness)
    os.makedirs(folder, exist_ok=True)
    with open(os.path.join(folder, name), "wb") as f:
        f.write(data)


def cron():
    # Byte 0: zone, bytes 1-4: start time (little endian seconds), then the line.
    lines = ["*/15 * * * *", "0 2 * * *", "30 2 * * 0", "0 9-17 * * MON-FRI",
             "5/10 1,13 1-15/2 JAN,jul *", "@hourly", "@daily", "@weekly", "@monthly", "@yearly",
             "@annually", "@midnight", "0 0 29 2 *", "0 0 31 2 *", "0 0 30 2 1", "59 23 31 12 7",
             "0 0 * * 7", "1-59/60 * * * *", "* * * * *", "0 2,3 * * *", "30 2 * * *",
             "0 0 1 1 sun", "  0   3 */2 *  *  ", "*/0 * * * *", "70 * * * *", "0 0 0 * *",
             "1-0 * * * *", "a b c d e", "0 0 * * 1-5/2", "0\t4\t*\t*\t*", "0 0 L * *",
             "00 08 * * mon,wed,fri", "0 0 1-31/31 */12 *"]
    for i, line in enumerate(lines):
        start = 1616893200 + i * 86400 * 37  # around the DST changes of 2021 onwards
        write("cron", "seed-%02d" % i, bytes([i % 8]) + struct.pack("<I", start) + line.encode())


def filename():
    # Byte 0: 0 UTF-8, 1 UTF-16LE, 2 Latin-1.
    names = ["PBX-backup-2026-12-01.tar.gz", "../../etc/passwd", "..", ".", "", "/",
             "\\\\server\\share", "con", "CON.txt", "lpt1.tar.gz", "COM\u00b9", "a\u202egnp.exe",
             "name\u200b.bak", "\x00\x01\x1b[31mred", "-rf", "...hidden", "trailing. . .",
             " spaced ", "a" * 300 + ".tar.gz", "\u00e9" * 100 + ".bak", "x." + "y" * 40,
             "CON" + " " * 200 + "x", "tab\there", "line\u2028sep", "nfd e\u0301",
             "\U0001F600" * 50, "a<b>c:d\"e|f?g*h", "backup.tar.gz.", "x" * 149 + "\u00e9"]
    for i, name in enumerate(names):
        write("filename", "seed-%02d" % i, bytes([0]) + name.encode())
    write("filename", "seed-latin1", bytes([2]) + bytes(range(0x7b, 0x100)))
    write("filename", "seed-utf16-lone-surrogates", bytes([1]) + b"a\x00\x00\xd8b\x00\x00\xdc")


def pbx_answers():
    # Byte 0: index of the HTTP status in fuzz_pbx_answers.cpp's kStatuses; byte 1: flags (bits
    # 0-1 answer kind firmware/list/salt, 2 backup name, 3 salt lookup, 4 restore, 5 Date
    # header); then the body, optionally "\n\x01" and a Location header.
    statuses = [200, 204, 301, 302, 303, 307, 308, 400, 401, 403, 404, 405, 409, 413, 429, 500,
                502, 503, 504, 299, 399, 599, 0, 600]
    answers = [
        (200, 0, b'"4.9.1"'), (200, 0, b"4.10.0-rc1"), (200, 0, b'{"version":"4.9"}'),
        (200, 0, b'"../../x"'), (200, 1, b'["a.tar.gz","b.tar.gz"]'), (200, 1, b"[]"),
        (200, 1, b'[1,2,"x"]'), (200, 1, b'["\\u0000\\u202e.tar.gz"]'),
        (200, 2, b'{"salt":"abc123"}'), (200, 2, b'{"salt":1}'), (200, 2, b'[{"salt":"x"}]'),
        (500, 0, b'{"error":"database locked"}'),
        (400, 0, b'{"message":{"message":"bad\\u0007 bell"}}'), (401, 32, b'{"error":"auth"}'),
        (403, 32 | 0x80, b""), (404, 4, b"not found\n\x01b\x1b[0m.tar.gz"),
        (404, 8, b"{}\n\x01tenant\x00x"), (503, 16, b"busy"),
        (502, 0, b"<html><body>Bad gateway</body></html>"),
        (302, 0, b"\n\x01https://evil.example:444/steal"), (301, 0, b"\n\x01//other.host/x"),
        (307, 0, b"\n\x01/rest/other"), (308, 0, b"\n\x01http://[::1"),
        (303, 0, b"\n\x01javascript:alert(1)"), (200, 0, b"[" * 2000),
        (500, 0, b'{"detail":"' + "x\u0085\u2029".encode() * 100 + b'"}'),
        (429, 0, b'{"title":"slow down","error":""}'), (600, 0, b"?"), (0, 0, b""),
        (599, 0, b"\xff\xfe\xfd"),
    ]
    for i, (status, flags, body) in enumerate(answers):
        write("pbx_answers", "seed-%02d" % i, bytes([statuses.index(status), flags]) + body)


def tar_bytes(members, fmt=tarfile.PAX_FORMAT):
    out = io.BytesIO()
    with tarfile.open(fileobj=out, mode="w", format=fmt) as tar:
        for name, kind, value in members:
            info = tarfile.TarInfo(name)
            info.mtime = 1764547200
            if kind == "file":
                info.size = len(value)
                tar.addfile(info, io.BytesIO(value))
            else:
                info.type = {"dir": tarfile.DIRTYPE, "sym": tarfile.SYMTYPE,
                             "hard": tarfile.LNKTYPE}[kind]
                info.linkname = value
                tar.addfile(info)
    return out.getvalue()


def zip_bytes(members, method=zipfile.ZIP_DEFLATED):
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", method) as z:
        for name, data in members:
            z.writestr(zipfile.ZipInfo(name, (2026, 12, 1, 0, 0, 0)), data, method)
    return out.getvalue()


def cpio_newc(name, data):
    encoded = name.encode() + b"\0"
    fields = [1, 0o100644, 0, 0, 1, 0, len(data), 0, 0, 0, 0, len(encoded), 0]
    record = b"070701" + b"".join(b"%08X" % v for v in fields) + encoded
    record += b"\0" * (-len(record) % 4) + data + b"\0" * (-len(data) % 4)
    return record


def archive():
    def gz(data):
        return gzip.compress(data, 9, mtime=0)

    backup = [("manifest.json", "file", b'{"firmware":"4.9.1","tenant":"default"}'),
              ("etc/", "dir", ""), ("etc/sip.conf", "file", b"[100]\ntype=friend\n" * 5),
              ("db/dump.sql", "file", b"INSERT INTO t VALUES (1);\n" * 20)]
    hostile = [("../../evil", "file", b"x"), ("/etc/evil", "file", b"y"),
               ("link", "sym", "/etc/passwd"), ("link/inside", "file", b"z"),
               ("hard", "hard", "/etc/shadow"), ("./a/../../b", "file", b"w")]
    plain = tar_bytes(backup)
    seeds = {
        "backup.tar": tar_bytes(backup[:3], tarfile.USTAR_FORMAT),
        "backup.tar.gz": gz(plain),
        "backup.tar.bz2": bz2.compress(plain),
        "backup.tar.xz": lzma.compress(plain),
        "backup.gnu.tar.gz": gz(tar_bytes(backup, tarfile.GNU_FORMAT)),
        "hostile.tar.gz": gz(tar_bytes(hostile)),
        "longname.tar.gz": gz(tar_bytes([("d/" * 3000 + "f", "file", b"q")])),
        "two-members.tar.gz": gz(plain[:1024]) + gz(plain[1024:]),
        "trailing-garbage.tar.gz": gz(plain) + b"garbage\x00\x01",
        "zeros-bomb.tar.gz": gz(tar_bytes([("zeros.bin", "file", bytes(3 << 20))])),
        "zeros-bomb.tar.bz2": bz2.compress(tar_bytes([("zeros.bin", "file", bytes(8 << 20))])),
        "backup.zip": zip_bytes([(n, v) for n, k, v in backup if k == "file"] +
                                [("../../zip-evil", b"evil")]),
        "zeros-bomb.zip": zip_bytes([("zeros.bin", bytes(3 << 20))]),
        "stored.zip": zip_bytes([("stored.txt", b"hello " * 50)], zipfile.ZIP_STORED),
        "empty.gz": gz(b""),
        "empty": b"",
        "raw-text.gz": gz(b"not a tar archive\n" * 10),
        "json.txt": b'{"firmware":"4.9.1"}',
        "backup.cpio": cpio_newc("etc/a.conf", b"abc\n") + cpio_newc("TRAILER!!!", b""),
        "backup.ar": b"!<arch>\na.conf/         0           0     0     644     4         `\nabc\n",
    }
    seeds["truncated.tar.gz"] = seeds["backup.tar.gz"][: len(seeds["backup.tar.gz"]) // 2]
    seeds["no-trailer.tar.gz"] = seeds["backup.tar.gz"][:-8]
    bad = bytearray(seeds["backup.tar.gz"])
    bad[-6] ^= 0xFF
    seeds["bad-crc.tar.gz"] = bytes(bad)
    rng = random.Random(5)
    noise = lambda n: bytes(rng.randrange(256) for _ in range(n))
    seeds["random-1k"] = noise(1024)
    seeds["gzip-magic-garbage"] = b"\x1f\x8b\x08\x00" + noise(200)
    seeds["zip-magic-garbage"] = b"PK\x03\x04" + noise(200)
    seeds["tar-header-garbage"] = plain[:512] + noise(300)
    for name, data in seeds.items():
        write("archive", name, data)


if __name__ == "__main__":
    cron()
    filename()
    pbx_answers()
    archive()
