#!/usr/bin/env node
// The installed command runs the compiled CLI (`npm run build`, or `prepare` on install).
import '../dist/cli/bin.js';
