// The build: renders src/index.html into dist/ with the build time (no dependencies).
const fs = require('node:fs');

fs.mkdirSync('dist', { recursive: true });
const page = fs.readFileSync('src/index.html', 'utf8').replace('__BUILT__', new Date().toISOString());
fs.writeFileSync('dist/index.html', page);
fs.writeFileSync('dist/about.html', '<!doctype html><title>About</title><p>static example: about page</p>\n');
console.log('built dist/index.html');
