import fs from 'node:fs';

/** Every e2e run starts from an empty embedded database (the first-admin page must show). */
export default function globalSetup() {
  fs.rmSync('.test-data/e2e', { recursive: true, force: true });
  fs.mkdirSync('e2e/screenshots', { recursive: true });
}
