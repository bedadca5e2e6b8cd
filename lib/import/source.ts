import { isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, visit, type Document, type Node, type Scalar } from 'yaml';
import type { ErrorIssue } from '@/lib/errors';
import { isPreprocessed, newScope, preprocessValue, PreprocessError } from './preprocessor';

export const MAX_IMPORT_BYTES = 100 * 1024;
export type Path = (string | number)[];

/** `services[2].envSecrets.KEY` */
export const formatPath = (path: Path) => path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i ? `.${p}` : p)).join('') || '(file)';

/** A parsed import file: the plain data, plus where every key sits and which values were generated. */
export interface Source {
  data: unknown;
  preprocessed: boolean;
  /** line/column of the value at `path` (or of the key `key` of the map at `path`). */
  locate(path: Path, key?: string): { line: number; column: number };
  /** Whether the value at `path` came from a preprocessor function (a generated secret to mask). */
  generated(path: Path): boolean;
}

export class SourceErrors extends Error {
  constructor(readonly issues: ErrorIssue[]) {
    super(issues.map((i) => `${i.line}:${i.column} ${i.path}: ${i.message}`).join('\n'));
  }
}

function nodeAt(doc: Document, path: Path): Node | null {
  for (let n = path.length; n >= 0; n--) {
    const node = n === 0 ? doc.contents : doc.getIn(path.slice(0, n), true);
    if (node && typeof node === 'object' && 'range' in node && (node as Node).range) return node as Node;
  }
  return null;
}

/** The absolute offset of an expression error inside a scalar, best effort for quoted and block scalars. */
function errorOffset(text: string, node: Scalar, value: string, offset: number): number {
  const [start, end] = node.range ?? [0, 0];
  const needle = value.slice(offset, offset + 12);
  if (!needle.trim()) return Math.max(start, end - 1);
  const found = text.slice(start, end).indexOf(needle);
  return found >= 0 ? start + found : start;
}

/** The key path of a node from the ancestors a visitor gets. */
function visitPath(ancestors: readonly unknown[]): Path {
  const out: Path = [];
  ancestors.forEach((a, i) => {
    if (isPair(a) && isScalar(a.key)) out.push(String(a.key.value));
    else if (isSeq(a)) out.push(a.items.indexOf(ancestors[i + 1] as never));
  });
  return out;
}

/** Parses an import file (size, YAML, preprocessor). Throws SourceErrors listing every problem found. */
export async function readSource(text: string): Promise<Source> {
  const lc = new LineCounter();
  const pos = (offset: number) => {
    const p = lc.linePos(offset);
    return { line: p.line, column: p.col };
  };
  if (Buffer.byteLength(text) > MAX_IMPORT_BYTES) {
    throw new SourceErrors([{ line: 1, column: 1, path: '(file)', message: `the file has ${Buffer.byteLength(text)} bytes; the limit is ${MAX_IMPORT_BYTES} (100 kB)` }]);
  }
  const doc = parseDocument(text, { lineCounter: lc, uniqueKeys: true, prettyErrors: false });
  if (doc.errors.length) {
    throw new SourceErrors(
      doc.errors.map((e) => ({ ...pos(e.pos[0]), path: '(file)', message: `invalid YAML: ${e.message.split('\n')[0]}` })),
    );
  }
  const generated = new Set<Node>();
  const preprocessed = isPreprocessed(text);
  if (preprocessed) {
    const scope = newScope();
    const issues: ErrorIssue[] = [];
    // Collect the values with expressions in document order (sync), then evaluate them one by one.
    const todo: { node: Scalar<string>; path: Path }[] = [];
    visit(doc, {
      Scalar(key, node, path) {
        if (key !== 'key' && typeof node.value === 'string' && /[<>\\]/.test(node.value)) todo.push({ node: node as Scalar<string>, path: visitPath([...path, node]) });
      },
    });
    for (const { node, path } of todo) {
      const value = node.value;
      try {
        const out = await preprocessValue(value, scope);
        if (out !== value) node.value = out;
        if (value.includes('<@')) generated.add(node);
      } catch (err) {
        if (!(err instanceof PreprocessError)) throw err;
        issues.push({ ...pos(errorOffset(text, node, value, err.offset)), path: formatPath(path), message: `preprocessor: ${err.message}` });
      }
    }
    if (issues.length) throw new SourceErrors(issues);
  }
  return {
    data: doc.toJS({ maxAliasCount: 100 }),
    preprocessed,
    locate(path, key) {
      if (key !== undefined) {
        const map = path.length ? doc.getIn(path, true) : doc.contents;
        if (isMap(map)) {
          const pair = map.items.find((p) => isScalar(p.key) && p.key.value === key);
          if (pair && isScalar(pair.key) && pair.key.range) return pos(pair.key.range[0]);
        }
      }
      const node = nodeAt(doc, path);
      return node?.range ? pos(node.range[0]) : { line: 1, column: 1 };
    },
    generated(path) {
      const node = doc.getIn(path, true);
      return Boolean(node && typeof node === 'object' && generated.has(node as Node));
    },
  };
}
