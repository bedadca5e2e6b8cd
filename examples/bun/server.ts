// A Bun app: answers with its greeting, Bun's version and the build's stamp.
const stamp = await Bun.file('dist/stamp.txt').text();
Bun.serve({
  port: Number(process.env.PORT ?? 3000),
  // '::' takes IPv4 and IPv6 (a project network may have both).
  hostname: '::',
  fetch: () => new Response(`bun example: ${process.env.GREETING} on Bun ${Bun.version}, ${stamp.trim()}\n`),
});
