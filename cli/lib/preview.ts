interface PreviewView {
  project: { name: string; corePackage: string; droppedKeys: string[] } | null;
  services: { hostname: string; type: string; requestedType: string; mode: string; priority: number; containers: number; droppedKeys: string[]; action: string; deploy: string | null }[];
  pending: { line: number; column: number; path: string; message: string }[];
}

/** The preview as a table for the terminal. */
export function printPreview(p: PreviewView, out: (line: string) => void): void {
  if (p.project) out(`project ${p.project.name} (${p.project.corePackage})${p.project.droppedKeys.length ? `, dropping ${p.project.droppedKeys.join(', ')}` : ''}`);
  for (const s of p.services) {
    const mapped = s.requestedType !== s.type && s.requestedType.includes('@') ? ` (asked ${s.requestedType})` : '';
    const dropped = s.droppedKeys.length ? `  dropping ${s.droppedKeys.join(', ')}` : '';
    out(`  ${s.action === 'redeploy' ? '~' : '+'} ${s.hostname.padEnd(25)} ${(s.type + mapped).padEnd(36)} ${s.mode.padEnd(6)} p${s.priority} ×${s.containers}${dropped}`);
    if (s.deploy) out(`      ${s.deploy}`);
  }
  for (const x of p.pending) out(`  needs consent: ${x.line}:${x.column} ${x.path}: ${x.message}`);
}
