#!/usr/bin/env node
// The `dutydesk` command: runs the TypeScript sources through tsx, so there is no build step
// for the server and the command reads the same settings as the server.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src/cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
