// Worker entry: HiGHS blocks its thread, so each solve runs here. Worker threads do not
// inherit the tsx loader, so register it before loading the TypeScript worker module.
import { register } from 'tsx/esm/api';

register();
await import('./solver-worker.ts');
