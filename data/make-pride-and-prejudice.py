"""Regenerates pride-and-prejudice/pride-and-prejudice.txt from Debian's package r-cran-janeaustenr 1.0.0-1.

Usage, from the repository root (python3, apt-get and dpkg-deb only; nothing is installed, no R):
    python3 data/make-pride-and-prejudice.py
It runs `apt-get download` in a temporary folder, checks the .deb against a pinned sha256, unpacks it with `dpkg-deb -x`,
reads the package's lazy-load data base (data/Rdata.rdx, the index, and data/Rdata.rdb, the objects) with the small reader
of R's serialization format below, and writes the character vector `prideprejudice` (one element per line of the novel,
as Project Gutenberg's text) joined with line feeds. It prints the size and the sha256. See data/README.md.
"""
import bz2, gzip, hashlib, lzma, os, struct, subprocess, tempfile, zlib

PACKAGE, VERSION = 'r-cran-janeaustenr', '1.0.0-1'
DEB_SHA256 = 'df6bddf211906d1ff404f8ff662c21b34e6660e7f54a311084e749050c019c95'
DATA = 'usr/lib/R/site-library/janeaustenr/data/Rdata'
OBJECT = 'prideprejudice'

# R's serialization format (the manual "R Internals", section "Serialization formats", and R's serialize.c), XDR (big-endian) form.
SYMSXP, LISTSXP, CLOSXP, ENVSXP, PROMSXP, LANGSXP, CHARSXP = 1, 2, 3, 4, 5, 6, 9
LGLSXP, INTSXP, REALSXP, STRSXP, VECSXP, EXPRSXP = 10, 13, 14, 16, 19, 20
REFSXP, NILVALUE_SXP, GLOBALENV_SXP, UNBOUNDVALUE_SXP, MISSINGARG_SXP, BASENAMESPACE_SXP = 255, 254, 253, 252, 251, 250
NAMESPACESXP, PACKAGESXP, PERSISTSXP, EMPTYENV_SXP, BASEENV_SXP = 249, 248, 247, 242, 241


class RVector(list):
    """An R vector's elements, with its attributes (e.g. names) by name."""
    attributes = {}


class RReader:
    """Reads one serialized R object: a vector becomes an RVector (a list with its attributes), a pairlist a list of
    (tag, value) pairs, a symbol or a string a str (None for NA), an environment a dict."""

    def __init__(self, data):
        if data[:2] != b'X\n': raise ValueError(f'not an XDR serialization (starts {data[:2]!r})')
        self.data, self.at, self.references = data, 2, []
        version = self.integer()
        self.integer(), self.integer()  # the writer's R version and the oldest that can read it
        if version == 3: self.bytes(self.integer())  # the native encoding's name
        elif version != 2: raise ValueError(f'serialization version {version} is not 2 or 3')

    def bytes(self, count):
        value = self.data[self.at:self.at + count]
        if len(value) != count: raise ValueError('the serialized object ends early')
        self.at += count
        return value

    def integer(self):
        return struct.unpack('>i', self.bytes(4))[0]

    def length(self):
        length = self.integer()
        return (self.integer() << 32) + self.integer() if length == -1 else length  # -1: a long vector

    def item(self):
        flags = self.integer()
        kind, has_attributes, has_tag = flags & 0xFF, flags & (1 << 9), flags & (1 << 10)
        if kind == NILVALUE_SXP: return None
        if kind in (EMPTYENV_SXP, BASEENV_SXP, GLOBALENV_SXP, UNBOUNDVALUE_SXP, MISSINGARG_SXP, BASENAMESPACE_SXP):
            return f'<special {kind}>'
        if kind == REFSXP: return self.references[(flags >> 8 or self.integer()) - 1]
        if kind in (PERSISTSXP, NAMESPACESXP, PACKAGESXP):
            if self.integer() != 0: raise ValueError('a reference\'s string vector does not start with 0')
            value = [self.item() for _ in range(self.integer())]
            self.references.append(value)
            return value
        if kind == SYMSXP:
            value = self.item()
            self.references.append(value)
            return value
        if kind == ENVSXP:
            environment = {}
            self.references.append(environment)
            self.integer()  # locked or not
            environment.update(enclosure=self.item(), frame=self.item(), table=self.item(), attributes=self.item())
            return environment
        if kind in (LISTSXP, LANGSXP, CLOSXP, PROMSXP):
            if has_attributes: self.item()
            tag = self.item() if has_tag else None
            head, tail = self.item(), self.item()
            return [(tag, head)] + (tail if isinstance(tail, list) and not isinstance(tail, RVector) else [])
        if kind == CHARSXP:
            length = self.integer()
            return None if length == -1 else self.bytes(length).decode('utf-8')
        if kind in (LGLSXP, INTSXP):
            count = self.length()
            value = RVector(struct.unpack(f'>{count}i', self.bytes(4 * count)))
        elif kind == REALSXP:
            count = self.length()
            value = RVector(struct.unpack(f'>{count}d', self.bytes(8 * count)))
        elif kind in (STRSXP, VECSXP, EXPRSXP):
            value = RVector(self.item() for _ in range(self.length()))
        else:
            raise ValueError(f'R object type {kind} is not one this reader knows')
        if has_attributes: value.attributes = dict(self.item())
        return value


def lazy_load(base, name):
    """The object `name` of an R lazy-load data base: base.rdx (gzip, a serialized list whose `variables` give each
    object's offset and length in base.rdb) and base.rdb (each object: a 4-byte big-endian length, then zlib data, or a
    type byte, '2' bzip2, 'Z' xz or '0' none, then the data)."""
    with gzip.open(base + '.rdx') as file: index = RReader(file.read()).item()
    variables = index[index.attributes['names'].index('variables')]
    names = variables.attributes['names']
    if name not in names: raise SystemExit(f'{base}.rdb holds no {name}: it holds {", ".join(names)}')
    offset, length = variables[names.index(name)]
    with open(base + '.rdb', 'rb') as file:
        file.seek(offset)
        chunk = file.read(length)
    size, kind, body = struct.unpack('>i', chunk[:4])[0], chunk[4:5], chunk[5:]
    data = {b'2': bz2.decompress, b'Z': lzma.decompress, b'0': bytes}.get(kind, lambda _: zlib.decompress(chunk[4:]))(body)
    if len(data) != size: raise ValueError(f'{name}: {len(data)} bytes decompressed, the data base says {size}')
    return RReader(data).item()


with tempfile.TemporaryDirectory(prefix='janeaustenr-') as work:
    subprocess.run(['apt-get', 'download', f'{PACKAGE}={VERSION}'], cwd=work, check=True, capture_output=True)
    deb = os.path.join(work, f'{PACKAGE}_{VERSION}_all.deb')
    with open(deb, 'rb') as file:
        if hashlib.sha256(file.read()).hexdigest() != DEB_SHA256: raise SystemExit(f'{deb}: sha256 differs from the pinned one')
    subprocess.run(['dpkg-deb', '-x', deb, os.path.join(work, 'root')], check=True)
    lines = lazy_load(os.path.join(work, 'root', DATA), OBJECT)

if not all(isinstance(line, str) for line in lines): raise SystemExit(f'{OBJECT}: not a character vector without NA')
text = '\n'.join(lines) + '\n'
out = os.path.join(os.path.dirname(os.path.abspath(__file__)), 'pride-and-prejudice', 'pride-and-prejudice.txt')
os.makedirs(os.path.dirname(out), exist_ok=True)
with open(out, 'w', encoding='utf-8', newline='\n') as file: file.write(text)
data = text.encode('utf-8')
print(f'pride-and-prejudice/pride-and-prejudice.txt: {len(lines)} lines, {len(text)} characters, {len(data)} bytes, '
      f'sha256 {hashlib.sha256(data).hexdigest()}')
