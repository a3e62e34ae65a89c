// Streaming through HAProxy: Debian's haproxy with config/haproxy.cfg (from `defaults` on,
// ports substituted) in front of two real decklist-server instances; see lib/proxy-suite.mjs.

import {startHaproxy} from './lib/harness.mjs';
import {proxySuite} from './lib/proxy-suite.mjs';

proxySuite('HAProxy', startHaproxy, '/api/v1/process-batch-stream');
