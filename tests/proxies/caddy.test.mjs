// Streaming through Caddy: Debian's caddy with config/Caddyfile (admin off, ports
// substituted) in front of two real decklist-server instances; see lib/proxy-suite.mjs.

import {startCaddy} from './lib/harness.mjs';
import {proxySuite} from './lib/proxy-suite.mjs';

proxySuite('Caddy', startCaddy, '/api/v1/process-batch-fast');
