// The build step: copies the server into dist/ and stamps it with the build's message.
const fs = require('node:fs');

fs.mkdirSync('dist', { recursive: true });
const source = fs.readFileSync('server.js', 'utf8');
const message = process.env.GREETING || 'hello from the Node.js example';
fs.writeFileSync('dist/server.js', source.replace('__GREETING__', message));
fs.writeFileSync('dist/build.json', JSON.stringify({ builtAt: new Date().toISOString(), message }));
console.log(`built dist/server.js (${message})`);
