import { buildWebIfNeeded } from '../../src/cli/web-build.ts';

/** Once per run: the server under test serves dist/web, so build it when sources changed. */
export default async function setup(): Promise<void> {
  await buildWebIfNeeded();
}
