/** How many integration files run at once (BERTH_INT_WORKERS; each worker has its own edge and pool). */
export function intWorkers(): number {
  const n = Number(process.env.BERTH_INT_WORKERS ?? 2);
  return Number.isInteger(n) && n >= 1 && n <= 8 ? n : 2;
}
