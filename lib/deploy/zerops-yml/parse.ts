import { isMap, isScalar, LineCounter, parseDocument, type Document } from 'yaml';
import type { z } from 'zod';
import { findUnsupportedKeys } from './unsupported';
import { zeropsYmlSchema, type ZeropsYml } from './schema';

/** One problem in a zerops.yml: where (1-based line and column), which key, and the rule. */
export interface ZeropsYmlIssue {
  line: number;
  col: number;
  /** e.g. `zerops[0].run.ports[1].port`. */
  path: string;
  message: string;
}

export interface ParsedZeropsYml {
  value: ZeropsYml;
  /** The 1-based line of each `zerops[]` entry, for messages about a selected setup. */
  setupLines: number[];
}

export type ParseResult = { ok: true; parsed: ParsedZeropsYml } | { ok: false; issues: ZeropsYmlIssue[] };

export const MAX_ZEROPS_YML_BYTES = 256 * 1024;

type Path = (string | number)[];

export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out ? `.${String(key)}` : String(key);
  }
  return out || '(document)';
}

class Locator {
  constructor(
    private readonly doc: Document,
    private readonly lines: LineCounter,
  ) {}

  private pos(offset: number): { line: number; col: number } {
    return this.lines.linePos(offset);
  }

  /** The position of the value at `path`, or of its nearest existing parent. */
  value(path: Path): { line: number; col: number } {
    for (let n = path.length; n >= 0; n--) {
      const node = n === 0 ? this.doc.contents : this.doc.getIn(path.slice(0, n), true);
      if (node && typeof node === 'object' && 'range' in node && Array.isArray(node.range)) {
        return this.pos(Number(node.range[0]));
      }
    }
    return { line: 1, col: 1 };
  }

  /** The position of the key `key` inside the map at `parent`. */
  key(parent: Path, key: string): { line: number; col: number } {
    const map = parent.length === 0 ? this.doc.contents : this.doc.getIn(parent, true);
    if (isMap(map)) {
      for (const pair of map.items) {
        if (isScalar(pair.key) && String(pair.key.value) === key && pair.key.range) return this.pos(pair.key.range[0]);
      }
    }
    return this.value(parent);
  }
}

function zodIssues(error: z.ZodError, at: Locator): ZeropsYmlIssue[] {
  const issues: ZeropsYmlIssue[] = [];
  for (const issue of error.issues) {
    const path = issue.path.filter((k): k is string | number => typeof k !== 'symbol');
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) {
        issues.push({ ...at.key(path, key), path: formatPath([...path, key]), message: 'unknown key' });
      }
      continue;
    }
    const missing = issue.code === 'invalid_type' && issue.input === undefined;
    issues.push({ ...at.value(path), path: formatPath(path), message: missing ? 'is required' : issue.message });
  }
  return issues;
}

function sameNameChecks(value: ZeropsYml, at: Locator): ZeropsYmlIssue[] {
  const issues: ZeropsYmlIssue[] = [];
  const names = value.zerops.map((s) => s.setup);
  names.forEach((name, i) => {
    if (names.indexOf(name) !== i) {
      issues.push({ ...at.value(['zerops', i, 'setup']), path: `zerops[${i}].setup`, message: `duplicate setup name "${name}"` });
    }
  });
  value.zerops.forEach((s, i) => {
    const targets = s.extends === undefined ? [] : Array.isArray(s.extends) ? s.extends : [s.extends];
    for (const target of targets) {
      if (!names.includes(target)) {
        issues.push({ ...at.value(['zerops', i, 'extends']), path: `zerops[${i}].extends`, message: `no setup named "${target}" to extend` });
      } else if (target === s.setup) {
        issues.push({ ...at.value(['zerops', i, 'extends']), path: `zerops[${i}].extends`, message: 'a setup cannot extend itself' });
      }
    }
  });
  return issues;
}

/** Parses and validates a zerops.yml text. Pure: no I/O. */
export function parseZeropsYml(text: string): ParseResult {
  if (Buffer.byteLength(text) > MAX_ZEROPS_YML_BYTES) {
    return { ok: false, issues: [{ line: 1, col: 1, path: '(document)', message: `is larger than ${MAX_ZEROPS_YML_BYTES} bytes` }] };
  }
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length > 0) {
    return {
      ok: false,
      issues: doc.errors.map((e) => {
        const pos = lines.linePos(e.pos[0]);
        return { ...pos, path: '(yaml)', message: `invalid YAML: ${e.message.split('\n')[0] ?? e.code}` };
      }),
    };
  }
  const at = new Locator(doc, lines);
  let raw: unknown;
  try {
    raw = doc.toJS({ maxAliasCount: 100 });
  } catch (err) {
    return { ok: false, issues: [{ line: 1, col: 1, path: '(yaml)', message: `invalid YAML: ${(err as Error).message}` }] };
  }
  if (raw === null || raw === undefined) {
    return { ok: false, issues: [{ line: 1, col: 1, path: 'zerops', message: 'is required (the file is empty)' }] };
  }
  const unsupported = findUnsupportedKeys(raw).map((path) => {
    const key = String(path[path.length - 1]);
    return { ...at.key(path.slice(0, -1), key), path: formatPath(path), message: 'not supported yet' };
  });
  if (unsupported.length > 0) return { ok: false, issues: unsupported };

  const result = zeropsYmlSchema.safeParse(raw, { reportInput: true });
  if (!result.success) return { ok: false, issues: zodIssues(result.error, at) };
  const names = sameNameChecks(result.data, at);
  if (names.length > 0) return { ok: false, issues: names };
  return {
    ok: true,
    parsed: { value: result.data, setupLines: result.data.zerops.map((_, i) => at.value(['zerops', i]).line) },
  };
}

export function formatIssue(issue: ZeropsYmlIssue): string {
  return `zerops.yml line ${issue.line}:${issue.col}, ${issue.path}: ${issue.message}`;
}
