import { NGINX_BOTH_FAMILIES } from '../both-families';
import { runtime } from './runtime';

/**
 * PHP with php-fpm behind nginx on port 80 (Zerops' php-nginx): 8.2 from bookworm, 8.4 from trixie
 * (built on first use). There is no official upstream image with both, so only the local source
 * provides it; the official source refuses it by name.
 */
export const phpNginx = {
  ...runtime({
    type: 'php-nginx',
    displayName: 'PHP + nginx',
    port: 80,
    versions: [
      { version: '8.2', default: true, images: { local: 'berth/php-nginx:8.2' } },
      { version: '8.4', images: { local: 'berth/php-nginx:8.4' } },
    ],
    ipv6Start: { cmd: ['sh', '-c', NGINX_BOTH_FAMILIES, '/usr/local/bin/berth-php'] },
  }),
  sourceNotes: { official: 'no official image has PHP-FPM and nginx together; use the local source' },
};

/**
 * PHP as Apache's module on port 80 (Zerops' php-apache): 8.2 from bookworm and 8.4 from trixie, both
 * built on first use; official twins php:<version>-apache.
 */
export const phpApache = runtime({
  type: 'php-apache',
  displayName: 'PHP + Apache',
  port: 80,
  versions: [
    { version: '8.2', default: true, images: { local: 'berth/php-apache:8.2', official: 'php:8.2-apache' } },
    { version: '8.4', images: { local: 'berth/php-apache:8.4', official: 'php:8.4-apache' } },
  ],
});
