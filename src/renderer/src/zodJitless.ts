import { z } from 'zod';

// zod compiles fast parsers with `new Function`, which the CSP (`script-src 'self'`, no
// 'unsafe-eval') forbids; its probe would log a violation on every page. Imported first by each entry.
z.config({ jitless: true });
