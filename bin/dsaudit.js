#!/usr/bin/env node
import { runInWorker } from '../dist/src/cli/host.js';
runInWorker(process.argv).then((code) => { process.exitCode = code; });
