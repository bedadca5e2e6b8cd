import fs from 'node:fs';

/** Screenshots for review go to an ignored folder; old e2e data directories are removed. */
export default function globalSetup() {
  fs.mkdirSync('e2e/screenshots', { recursive: true });
  for (const dir of fs.existsSync('.test-data') ? fs.readdirSync('.test-data') : []) {
    if (dir.startsWith('e2e-') && `.test-data/${dir}` !== process.env.E2E_DATA_DIR) {
      fs.rmSync(`.test-data/${dir}`, { recursive: true, force: true });
    }
  }
}
