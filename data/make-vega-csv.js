// Regenerates auto-mpg/cars.csv and penguins/penguins.csv from the JSON files of the npm package vega-datasets@3.2.1.
// Usage, from the repository root (node and npm only; nothing is installed): node data/make-vega-csv.js
// It runs `npm pack` in a temporary folder, checks the tarball and both JSON files against pinned hashes, writes the CSV
// files and prints their sha256. See data/README.md for the columns, the counts and the licence.
const { execFileSync } = require('child_process');
const crypto = require('crypto'), fs = require('fs'), os = require('os'), path = require('path');

const spec = 'vega-datasets@3.2.1';
const tarballSha512 = 'lTSwZA6yq6qSU2YZm+6bqILiIvTPPxn4itir7jPGFmHIdPvUfQ9pCzzcrklYywMJgLUbaIeSkZQdiJd6wBxPug==';
const sources = [
  {
    json: 'cars.json', csv: 'auto-mpg/cars.csv', rows: 406,
    sha256: 'f686a53678b21f4231e2f6a5ba7ce5761d9d39204fccdea1caa29fb8c460e319',
    columns: ['Name', 'Miles_per_Gallon', 'Cylinders', 'Displacement', 'Horsepower', 'Weight_in_lbs', 'Acceleration', 'Year', 'Origin'],
    // Every Year is a date "YYYY-01-01" (the model year); the CSV keeps the year as a number, e.g. 1970.
    convert: { Year: value => { const year = /^(\d{4})-01-01$/.exec(value); if (!year) throw new Error(`Year "${value}" is not YYYY-01-01`); return Number(year[1]); } },
  },
  {
    json: 'penguins.json', csv: 'penguins/penguins.csv', rows: 344,
    sha256: '0facf769609f1205b82cbceb8238c36af3e6147a0ca0e163902cc6281ce3e917',
    columns: ['Species', 'Island', 'Beak Length (mm)', 'Beak Depth (mm)', 'Flipper Length (mm)', 'Body Mass (g)', 'Sex'],
    convert: {},
  },
];

const hash = (algorithm, bytes, encoding = 'hex') => crypto.createHash(algorithm).update(bytes).digest(encoding);
// datapackage.json records each file's git blob SHA-1: sha1("blob <length>\0" + content).
const gitBlobSha1 = bytes => hash('sha1', Buffer.concat([Buffer.from(`blob ${bytes.length}\0`), bytes]));

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'vega-datasets-'));
const tarball = path.join(work, execFileSync('npm', ['pack', spec, '--loglevel=warn'], { cwd: work, encoding: 'utf8' }).trim().split('\n').pop());
if (hash('sha512', fs.readFileSync(tarball), 'base64') !== tarballSha512) throw new Error(`${tarball}: sha512 differs from the pinned one`);
execFileSync('tar', ['xzf', tarball, '-C', work, 'package/datapackage.json', ...sources.map(source => `package/data/${source.json}`)]);
const packageDir = path.join(work, 'package');
const resources = JSON.parse(fs.readFileSync(path.join(packageDir, 'datapackage.json'))).resources;

// RFC 4180: a field holding a comma, a quote, a line break or outer spaces is quoted, its quotes doubled; null is empty.
const field = value => {
  if (value === null || value === undefined) return '';
  const text = String(value);
  return /[",\r\n]|^\s|\s$/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
};

for (const source of sources) {
  const file = path.join(packageDir, 'data', source.json);
  const bytes = fs.readFileSync(file);
  if (hash('sha256', bytes) !== source.sha256) throw new Error(`${file}: sha256 differs from the pinned one`);
  const recorded = resources.find(resource => resource.path === source.json).hash;
  if (recorded !== `sha1:${gitBlobSha1(bytes)}`) throw new Error(`${file}: differs from the hash datapackage.json records (${recorded})`);
  const rows = JSON.parse(bytes);
  if (rows.length !== source.rows) throw new Error(`${file}: ${rows.length} rows, expected ${source.rows}`);
  for (const row of rows)
    if (JSON.stringify(Object.keys(row)) !== JSON.stringify(source.columns)) throw new Error(`${file}: a row has keys ${Object.keys(row)}`);

  const lines = [source.columns.map(field).join(',')];
  for (const row of rows)
    lines.push(source.columns.map(column => field(row[column] === null || !source.convert[column] ? row[column] : source.convert[column](row[column]))).join(','));
  const csv = Buffer.from(lines.join('\n') + '\n', 'utf8');
  const out = path.join(__dirname, source.csv);
  fs.mkdirSync(path.dirname(out), { recursive: true });
  fs.writeFileSync(out, csv);
  const missing = source.columns.map(column => `${column} ${rows.filter(row => row[column] === null).length}`).join(', ');
  console.log(`${source.csv}: ${rows.length} rows, ${csv.length} bytes, sha256 ${hash('sha256', csv)}; missing: ${missing}`);
}
fs.rmSync(work, { recursive: true });
