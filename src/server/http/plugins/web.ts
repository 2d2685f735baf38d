import fs from 'node:fs';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import fastifyStatic from '@fastify/static';
import { AppError } from '../../../shared/errors.ts';

/**
 * Serves the built web app: real files as they are (their Brotli or gzip copy where the build
 * wrote one and the browser accepts it), and index.html for every other non-API
 * path so the client-side router can take it (deep links and reloads work).
 */
export async function registerWeb(app: FastifyInstance, webRoot: string): Promise<void> {
  const index = path.join(webRoot, 'index.html');
  if (!fs.existsSync(index)) throw new Error(`no built web app in ${webRoot}: run npm run build`);
  await app.register(fastifyStatic, {
    root: webRoot,
    wildcard: false,
    index: false,
    // the build's .br and .gz copies (src/cli/precompress.ts), where the browser takes them
    preCompressed: true,
    setHeaders: (reply, file) => {
      // hashed asset names never change content; index.html must always be fresh
      void reply.header(
        'cache-control',
        file.includes(`${path.sep}assets${path.sep}`)
          ? 'public, max-age=31536000, immutable'
          : 'no-cache',
      );
    },
  });
  app.get('/*', { schema: { hide: true }, config: { public: true } }, async (request, reply) => {
    const urlPath = decodeURIComponent(request.url.split('?')[0] ?? '/');
    if (urlPath.startsWith('/api/')) throw new AppError('NOT_FOUND', `no route GET ${urlPath}`);
    const relative = path.normalize(urlPath).replace(/^([/\\])+/, '');
    const file = path.join(webRoot, relative);
    if (
      relative !== '' &&
      file.startsWith(webRoot) &&
      fs.statSync(file, { throwIfNoEntry: false })?.isFile()
    ) {
      return reply.sendFile(relative);
    }
    return reply.header('cache-control', 'no-cache').sendFile('index.html');
  });
}
