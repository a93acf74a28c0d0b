// `node --import <this file>` with TINYARMS_MODULE_LOG=<file>: every ES module the process resolves
// (the bundle, its packages, and anything it imports dynamically later) is appended to that file.
import { register } from 'node:module';

register('./moduleLoadHooks.mjs', import.meta.url, { data: process.env.TINYARMS_MODULE_LOG });
