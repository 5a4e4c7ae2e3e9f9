import { z } from "zod";

// Runs in the browser before the app's own code. zod probes `new Function` when it builds its
// first object schema, to decide whether to compile fast parsers; the dashboard's
// Content-Security-Policy forbids eval, so the probe fails (harmlessly) and the browser reports
// a CSP violation. jitless skips the probe; the browser only parses small inputs.
z.config({ jitless: true });
