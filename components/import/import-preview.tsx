import { DataTable } from '@/components/ui/data-table';
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
      <DataTable
        label="Import preview"
        rows={preview.services}
        rowKey={(s) => s.hostname}
        rowClassName={() => 'align-top'}
        columns={[
          { header: 'Hostname', className: 'font-mono', cell: (s) => s.hostname },
          {
            header: 'Type',
            cell: (s) => (
              <>
                {s.type}
                {s.versionMapping && (
                  <span className="block text-xs text-amber-700 dark:text-amber-300">
                    asked {s.versionMapping.requested} → {s.versionMapping.used}
                  </span>
                )}
              </>
            ),
          },
          { header: 'Mode', cell: (s) => s.mode },
          { header: 'Containers', cell: (s) => s.containers },
          { header: 'Priority', cell: (s) => s.priority },
          { header: 'Variables', cell: (s) => s.env.map((e) => `${e.key}${e.secret ? ' (secret)' : ''}`).join(', ') || '–' },
          {
            header: 'Notes',
            className: 'text-xs',
            cell: (s) => (
              <>
                {s.action === 'redeploy' && <span className="block">redeploys an existing service</span>}
                {s.deploy && <span className="block">{s.deploy}</span>}
                {s.droppedKeys.length > 0 && <span className="block text-amber-700 dark:text-amber-300">dropped: {s.droppedKeys.join(', ')}</span>}
              </>
            ),
          },
        ]}
      />
      {preview.groups.length > 1 && <p className="text-slate-500">Created in this order, each group in parallel: {preview.groups.map((g) => g.join(' + ')).join(' → ')}</p>}
    </div>
  );
}
