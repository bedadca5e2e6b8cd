/** A container's name without Berth's `berth-<project>-` prefix, as the service pages show it. */
export const shortContainerName = (name: string): string => name.replace(/^berth-[0-9a-f]{8}-/, '');
