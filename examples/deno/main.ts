// A Deno app: answers with its greeting, Deno's version and the build's stamp.
const stamp = await Deno.readTextFile('stamp.txt');
Deno.serve({ port: Number(Deno.env.get('PORT') ?? 8000), hostname: '::' }, () =>
  new Response(`deno example: ${Deno.env.get('GREETING')} on Deno ${Deno.version.deno}, ${stamp.trim()}\n`),
);
