import type { Db } from '@/lib/db/client';
import type { Project } from '@/lib/db/schema';
import type { Engine } from './engine';
import type { ContainerSpec, WantedContainer, WantedVolume } from './spec';

export interface ExtensionContext {
  db: Db;
  engine: Engine;
  project: Project;
}

/**
 * Adds per-project Docker objects and hooks to every reconcile (the project core uses it), so
 * they get the same labels, hashing and self-healing as service containers.
 */
export interface ProjectExtension {
  name: string;
  wanted?(ctx: ExtensionContext): Promise<{ containers: WantedContainer[]; volumes: WantedVolume[] }>;
  /** Runs before the wanted state is built (may update the project row, returning the fresh one). */
  beforeApply?(ctx: ExtensionContext): Promise<Project | void>;
  afterApply?(ctx: ExtensionContext): Promise<void>;
  beforeDestroy?(ctx: ExtensionContext): Promise<void>;
  /** Runs once the project's Docker objects are gone, before its row is removed. */
  afterDestroy?(ctx: ExtensionContext): Promise<void>;
  containerLogging?(project: Project): ContainerSpec['logging'];
}

const extensions: ProjectExtension[] = [];

export function registerProjectExtension(ext: ProjectExtension): void {
  const i = extensions.findIndex((e) => e.name === ext.name);
  if (i >= 0) extensions[i] = ext;
  else extensions.push(ext);
}

export function projectExtensions(): readonly ProjectExtension[] {
  return extensions;
}
