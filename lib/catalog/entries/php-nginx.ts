import { runtime } from './runtime';

/**
 * PHP 8.2 with php-fpm behind nginx on port 80 (Zerops' php-nginx). There is no official upstream image
 * with both, so only the local source provides it; the official source refuses it by name.
 */
export const phpNginx = {
  ...runtime({
    type: 'php-nginx',
    displayName: 'PHP + nginx',
    port: 80,
    versions: [{ version: '8.2', default: true, images: { local: 'berth/php-nginx:8.2' } }],
  }),
  sourceNotes: { official: 'no official image has PHP-FPM and nginx together; use the local source' },
};
