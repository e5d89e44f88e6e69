"""An independent WinZip AES (AE-1/AE-2) reader for the tests, written from the WinZip specification
with Python's standard library and the `cryptography` package (no project code).

usage: python3 aes-zip-reader.py ARCHIVE PASSWORD_FILE OUT_DIR
Extracts every entry into OUT_DIR. Exit 0 on success; 3 on a wrong password; 4 on a damaged entry.
"""
import hashlib
import hmac
import os
import struct
import sys
import zlib

from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes

KEY_BYTES = {1: 16, 2: 24, 3: 32}


def entries(archive):
    end = archive.rfind(b'PK\x05\x06')
    count, size, offset = struct.unpack('<HII', archive[end + 10:end + 20])
    pos = offset
    for _ in range(count):
        fields = struct.unpack('<IHHHHHHIIIHHHHHII', archive[pos:pos + 46])
        flags, method, csize, usize = fields[3], fields[4], fields[8], fields[9]
        name_len, extra_len, comment_len, local = fields[10], fields[11], fields[12], fields[16]
        name = archive[pos + 46:pos + 46 + name_len].decode('utf-8' if flags & 0x800 else 'cp437')
        extra = archive[pos + 46 + name_len:pos + 46 + name_len + extra_len]
        yield name, flags, method, csize, usize, extra, local
        pos += 46 + name_len + extra_len + comment_len


def aes_field(extra):
    pos = 0
    while pos + 4 <= len(extra):
        tag, size = struct.unpack('<HH', extra[pos:pos + 4])
        if tag == 0x9901:
            version, vendor, strength, method = struct.unpack('<H2sBH', extra[pos + 4:pos + 11])
            assert vendor == b'AE', vendor
            return version, strength, method
        pos += 4 + size
    raise ValueError('no AES extra field')


def ctr(key, data):
    ecb = Cipher(algorithms.AES(key), modes.ECB()).encryptor()
    blocks = (len(data) + 15) // 16
    stream = ecb.update(b''.join(struct.pack('<QQ', i + 1, 0) for i in range(blocks))) + ecb.finalize()
    return bytes(a ^ b for a, b in zip(data, stream))


def extract(archive, password, out_dir):
    for name, flags, method, csize, usize, extra, local in entries(archive):
        assert flags & 1 and method == 99, (name, flags, method)
        version, strength, real_method = aes_field(extra)
        name_len, extra_len = struct.unpack('<HH', archive[local + 26:local + 30])
        body = archive[local + 30 + name_len + extra_len:local + 30 + name_len + extra_len + csize]
        n = KEY_BYTES[strength]
        salt, check, data, mac = body[:n // 2], body[n // 2:n // 2 + 2], body[n // 2 + 2:-10], body[-10:]
        keys = hashlib.pbkdf2_hmac('sha1', password, salt, 1000, 2 * n + 2)
        if keys[2 * n:] != check:
            print(f'wrong password for {name}', file=sys.stderr)
            sys.exit(3)
        if not hmac.compare_digest(hmac.new(keys[n:2 * n], data, hashlib.sha1).digest()[:10], mac):
            print(f'authentication failed for {name}', file=sys.stderr)
            sys.exit(4)
        plain = ctr(keys[:n], data)
        if real_method == 8:
            plain = zlib.decompress(plain, -15)
        assert len(plain) == usize, (name, len(plain), usize)
        with open(os.path.join(out_dir, name), 'wb') as f:
            f.write(plain)
        print(f'{name} v{version} aes{n * 8} {usize}')


if __name__ == '__main__':
    with open(sys.argv[1], 'rb') as f:
        archive_bytes = f.read()
    with open(sys.argv[2], 'rb') as f:
        password_bytes = f.read()
    extract(archive_bytes, password_bytes, sys.argv[3])
