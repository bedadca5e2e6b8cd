import type { ImportPreview } from '@/lib/import';

/** What an import will create: services in creation order, version mappings, dropped keys, masked secrets. */
export function ImportPreviewTable({ preview }: { preview: ImportPreview }) {
  return (
    <div className="space-y-3 text-sm">
      {preview.project && (
        <p>
          Project <strong>{preview.project.name}</strong> ({preview.project.corePackage === 'SERIOUS' ? 'Serious' : 'Light'} core)
          {preview.project.env.length > 0 && <> with variables {preview.project.env.map((e) => `${e.key}=${e.value}`).join(', ')}</>}
        </p>
      )}
      <table className="w-full text-left" aria-label="Import preview">
        <thead className="text-slate-500">
          <tr>
            <th className="py-1 pr-3">Hostname</th>
            <th className="py-1 pr-3">Type</th>
            <th className="py-1 pr-3">Mode</th>
            <th className="py-1 pr-3">Containers</th>
            <th className="py-1 pr-3">Priority</th>
            <th className="py-1 pr-3">Variables</th>
            <th className="py-1">Notes</th>
          </tr>
        </thead>
        <tbody>
          {preview.services.map((s) => (
            <tr key={s.hostname} className="border-t border-slate-200 align-top dark:border-slate-800">
              <td className="py-1 pr-3 font-mono">{s.hostname}</td>
              <td className="py-1 pr-3">
                {s.type}
                {s.versionMapping && (
                  <span className="block text-xs text-amber-700 dark:text-amber-300">
                    asked {s.versionMapping.requested} → {s.versionMapping.used}
                  </span>
                )}
              </td>
              <td className="py-1 pr-3">{s.mode}</td>
              <td className="py-1 pr-3">{s.containers}</td>
              <td className="py-1 pr-3">{s.priority}</td>
              <td className="py-1 pr-3">{s.env.map((e) => `${e.key}${e.secret ? ' (secret)' : ''}`).join(', ') || '–'}</td>
              <td className="py-1 text-xs">
                {s.action === 'redeploy' && <span className="block">redeploys an existing service</span>}
                {s.deploy && <span className="block">{s.deploy}</span>}
                {s.droppedKeys.length > 0 && <span className="block text-amber-700 dark:text-amber-300">dropped: {s.droppedKeys.join(', ')}</span>}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {preview.groups.length > 1 && <p className="text-slate-500">Created in this order, each group in parallel: {preview.groups.map((g) => g.join(' + ')).join(' → ')}</p>}
    </div>
  );
}
