// A Bun app: answers with its greeting, Bun's version and the build's stamp.
const stamp = await Bun.file('dist/stamp.txt').text();
Bun.serve({
  port: Number(process.env.PORT ?? 3000),
  hostname: '0.0.0.0',
  fetch: () => new Response(`bun example: ${process.env.GREETING} on Bun ${Bun.version}, ${stamp.trim()}\n`),
});
