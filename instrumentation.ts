/** Runs once when the server starts: apply migrations, then start the background worker. */
export async function register() {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  const { startServerSide } = await import('@/lib/server-start');
  await startServerSide();
}
