import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { coreImage } from './image';

describe('coreImage', () => {
  it('uses the local image and its own entry point by default', () => {
    expect(coreImage('local')).toEqual({ image: 'berth/core:1' });
  });

  it("runs the official nginx image with the local entry point's steps", () => {
    const official = coreImage('official');
    expect(official.image).toBe('nginx:1.22');
    const script = official.entrypoint!.at(-1)!;
    const local = fs.readFileSync(path.join(import.meta.dirname, '../../images/core/entrypoint.sh'), 'utf8');
    // Both wait for the validated config and exec nginx on it in the foreground.
    for (const text of [script, local]) {
      expect(text).toMatch(/until \[ -s "?(\$conf|\/etc\/berth\/nginx\.conf)"? \]; do sleep 0\.05; done/);
      expect(text).toMatch(/exec nginx -c "?(\$conf|\/etc\/berth\/nginx\.conf)"? -g .daemon off;./);
    }
  });
});
