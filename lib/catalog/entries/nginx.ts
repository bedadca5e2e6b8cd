import { staticEntry } from './static';

/** `nginx@1.22`: the same static server under its own name and version (bookworm ships 1.22). */
export const nginx = staticEntry('nginx', 'Nginx static', '1.22');
