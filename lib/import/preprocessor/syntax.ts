/**
 * The preprocessor's expression syntax, parsed into a tree with offsets:
 *   `<@fn(<static>, variable) | modifier | modifier>`  a function call
 *   `<static text <nested | upper> | modifier>`         a static string
 *   `\x`                                                the character x, literally
 * Text outside `<…>` is copied. Static text keeps its spaces; names and modifiers are trimmed.
 */
export type Part =
  | { kind: 'text'; value: string }
  | { kind: 'call'; name: string; args: Arg[]; modifiers: Modifier[]; offset: number }
  | { kind: 'string'; parts: Part[]; modifiers: Modifier[]; offset: number };

/** A call argument: static parts (from `<…>`) or a bare variable name. */
export type Arg = { kind: 'static'; parts: Part[]; offset: number } | { kind: 'variable'; name: string; offset: number };
export interface Modifier {
  name: string;
  offset: number;
}

export class SyntaxError extends Error {
  constructor(
    message: string,
    readonly offset: number,
  ) {
    super(message);
  }
}

const NAME = /[A-Za-z0-9_]/;

class Reader {
  pos = 0;
  constructor(readonly src: string) {}
  peek(): string | undefined {
    return this.src[this.pos];
  }
  done(): boolean {
    return this.pos >= this.src.length;
  }
  skipSpaces(): void {
    while (this.peek() === ' ' || this.peek() === '\t' || this.peek() === '\n' || this.peek() === '\r') this.pos++;
  }
  expect(ch: string, what: string): void {
    if (this.peek() !== ch) throw new SyntaxError(`expected "${ch}" ${what}, found ${this.peek() === undefined ? 'the end of the value' : `"${this.peek()}"`}`, this.pos);
    this.pos++;
  }
}

/** Parts until one of `stops` at this nesting level (not consumed); escapes and nested items handled. */
function parseParts(r: Reader, stops: string): Part[] {
  const parts: Part[] = [];
  let text = '';
  const flush = () => {
    if (text) parts.push({ kind: 'text', value: text });
    text = '';
  };
  while (!r.done()) {
    const ch = r.peek()!;
    if (stops.includes(ch)) break;
    if (ch === '\\') {
      if (r.pos + 1 >= r.src.length) throw new SyntaxError('a backslash must be followed by the character it escapes (write \\\\ for a backslash)', r.pos);
      text += r.src[r.pos + 1];
      r.pos += 2;
      continue;
    }
    if (ch === '<') {
      flush();
      parts.push(parseItem(r));
      continue;
    }
    text += ch;
    r.pos++;
  }
  flush();
  return parts;
}

function parseModifiers(r: Reader): Modifier[] {
  const modifiers: Modifier[] = [];
  while (r.peek() === '|') {
    r.pos++;
    r.skipSpaces();
    const offset = r.pos;
    let name = '';
    while (!r.done() && NAME.test(r.peek()!)) name += r.src[r.pos++];
    r.skipSpaces();
    if (!name) throw new SyntaxError('expected a modifier name after "|"', offset);
    modifiers.push({ name, offset });
  }
  r.expect('>', 'to close the expression');
  return modifiers;
}

function parseArg(r: Reader): Arg {
  r.skipSpaces();
  const offset = r.pos;
  if (r.peek() === '<') {
    const parts = parseParts(r, ',)');
    // Text after the closing ">" of a static argument (other than spaces) belongs to it too.
    return { kind: 'static', parts: trimOuterText(parts), offset };
  }
  let name = '';
  while (!r.done() && r.peek() !== ',' && r.peek() !== ')') {
    if (r.peek() === '<' || r.peek() === '>') throw new SyntaxError(`unexpected "${r.peek()}" in a variable name`, r.pos);
    name += r.src[r.pos++];
  }
  name = name.trim();
  if (!name) throw new SyntaxError('empty argument (write <> for an empty string)', offset);
  if (!/^[A-Za-z0-9_]+$/.test(name)) throw new SyntaxError(`"${name}" is not a variable name (static text goes in <…>)`, offset);
  return { kind: 'variable', name, offset };
}

function trimOuterText(parts: Part[]): Part[] {
  return parts
    .map((p, i) => {
      if (p.kind !== 'text') return p;
      let v = p.value;
      if (i === 0) v = v.trimStart();
      if (i === parts.length - 1) v = v.trimEnd();
      return { kind: 'text' as const, value: v };
    })
    .filter((p) => p.kind !== 'text' || p.value);
}

function parseItem(r: Reader): Part {
  const offset = r.pos;
  r.expect('<', 'to open an expression');
  if (r.peek() === '@') {
    r.pos++;
    let name = '';
    while (!r.done() && NAME.test(r.peek()!)) name += r.src[r.pos++];
    if (!name) throw new SyntaxError('expected a function name after "<@"', r.pos);
    r.expect('(', `after the function name ${name}`);
    const args: Arg[] = [];
    r.skipSpaces();
    if (r.peek() === ')') r.pos++;
    else {
      for (;;) {
        args.push(parseArg(r));
        if (r.peek() === ',') {
          r.pos++;
          continue;
        }
        r.expect(')', `to close the arguments of ${name}`);
        break;
      }
    }
    r.skipSpaces();
    return { kind: 'call', name, args, modifiers: parseModifiers(r), offset };
  }
  const parts = parseParts(r, '|>');
  if (r.done()) throw new SyntaxError('unterminated "<": close it with ">" (or escape it as \\<)', offset);
  return { kind: 'string', parts, modifiers: parseModifiers(r), offset };
}

/** Parses one scalar value. Throws SyntaxError with the offset of the problem. */
export function parseTemplate(src: string): Part[] {
  const r = new Reader(src);
  const parts = parseParts(r, '');
  return parts;
}

