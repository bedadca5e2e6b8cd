import { EvalError, FUNCTIONS, render, text, type Scope, type Value } from './functions';
import { MODIFIERS } from './modifiers';
import { SyntaxError, parseTemplate, type Arg, type Modifier, type Part } from './syntax';

export type { Scope } from './functions';
export const PREPROCESSOR_HEADER = '#yamlPreprocessor=on';
/** A file may call at most this many functions (key generation and hashing are costly). */
export const MAX_CALLS = 500;

/** A preprocessor error at an offset within the evaluated value. */
export class PreprocessError extends Error {
  constructor(
    message: string,
    readonly offset: number,
  ) {
    super(message);
  }
}

export const isPreprocessed = (source: string) => source.replace(/^\uFEFF/, '').split('\n', 1)[0]!.trim() === PREPROCESSOR_HEADER;

export function newScope(now = new Date()): Scope & { calls: number } {
  return { vars: new Map(), now, calls: 0 };
}

async function applyModifiers(v: Value, modifiers: Modifier[]): Promise<Value> {
  let out = v;
  for (const m of modifiers) {
    const fn = Object.hasOwn(MODIFIERS, m.name) ? MODIFIERS[m.name] : undefined;
    if (!fn) throw new PreprocessError(`unknown modifier "${m.name}" (known: ${Object.keys(MODIFIERS).join(', ')})`, m.offset);
    out = await fn(out);
  }
  return out;
}

async function evalParts(parts: Part[], scope: Scope & { calls: number }): Promise<Value> {
  if (parts.length === 1 && parts[0]!.kind !== 'text') return evalPart(parts[0]!, scope);
  let out = '';
  for (const p of parts) out += render(await evalPart(p, scope));
  return text(out);
}

async function evalArg(arg: Arg, nameParam: boolean, scope: Scope & { calls: number }): Promise<Value> {
  if (arg.kind === 'static') return evalParts(arg.parts, scope);
  if (nameParam) return text(arg.name);
  const v = scope.vars.get(arg.name);
  if (v === undefined) throw new PreprocessError(`variable "${arg.name}" is not set (static text goes in <…>)`, arg.offset);
  return text(v);
}

async function evalPart(part: Part, scope: Scope & { calls: number }): Promise<Value> {
  if (part.kind === 'text') return text(part.value);
  if (part.kind === 'string') return applyModifiers(await evalParts(part.parts, scope), part.modifiers);
  const def = Object.hasOwn(FUNCTIONS, part.name) ? FUNCTIONS[part.name] : undefined;
  if (!def) throw new PreprocessError(`unknown function "${part.name}" (known: ${Object.keys(FUNCTIONS).join(', ')})`, part.offset);
  const [min, max] = typeof def.arity === 'number' ? [def.arity, def.arity] : def.arity;
  if (part.args.length < min || part.args.length > max) {
    const want = min === max ? `${min}` : `${min} or more`;
    throw new PreprocessError(`${part.name} takes ${want} argument${min === 1 && max === 1 ? '' : 's'}, got ${part.args.length}`, part.offset);
  }
  if (++scope.calls > MAX_CALLS) throw new PreprocessError(`more than ${MAX_CALLS} function calls in one file`, part.offset);
  const args: Value[] = [];
  for (const [i, a] of part.args.entries()) args.push(await evalArg(a, Boolean(def.nameParam) && i === 0, scope));
  let result: Value;
  try {
    result = def.call(args, scope);
  } catch (err) {
    if (err instanceof EvalError) throw new PreprocessError(`${part.name}: ${err.message}`, part.offset);
    throw err;
  }
  return applyModifiers(result, part.modifiers);
}

/** Evaluates every expression in one value, in order (variables carry over through `scope`). */
export async function preprocessValue(value: string, scope: Scope & { calls: number }): Promise<string> {
  let parts: Part[];
  try {
    parts = parseTemplate(value);
  } catch (err) {
    if (err instanceof SyntaxError) throw new PreprocessError(err.message, err.offset);
    throw err;
  }
  return render(await evalParts(parts, scope));
}
