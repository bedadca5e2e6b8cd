import { GO_PLACEHOLDER_6 } from '../both-families';
import { GO_PLACEHOLDER } from '../placeholders';
import { runtime } from './runtime';

const BUILD_AND_RUN = ['sh', '-c', 'cd /tmp && printf "%s" "$BERTH_PLACEHOLDER_GO" > main.go && go build -o placeholder main.go && exec ./placeholder'];

/**
 * Go 1.19 (Debian bookworm's golang-go) and 1.24 (trixie's, built on first use); official twins golang:<version>. Zerops names it `go` (alias `golang`).
 * The official image gets the placeholder's source in BERTH_PLACEHOLDER_GO and compiles it at start.
 */
export const go = runtime({
  type: 'go',
  displayName: 'Go',
  port: 8080,
  versions: [
    { version: '1.19', default: true, images: { local: 'berth/go:1.19', official: 'golang:1.19' } },
    { version: '1.24', images: { local: 'berth/go:1.24', official: 'golang:1.24' } },
  ],
  officialStart: { cmd: BUILD_AND_RUN, env: { BERTH_PLACEHOLDER_GO: GO_PLACEHOLDER } },
  ipv6Start: { cmd: BUILD_AND_RUN, env: { BERTH_PLACEHOLDER_GO: GO_PLACEHOLDER_6 } },
});
