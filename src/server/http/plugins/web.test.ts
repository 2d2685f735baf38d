import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { precompressDir } from '../../../cli/precompress.ts';
import { registerWeb } from './web.ts';

// A built web app in miniature: a script worth compressing, a tiny one that is not, and the
// index page every deep link falls back to.
describe('the built web app is served compressed where the browser accepts it', () => {
  let root: string;
  let app: FastifyInstance;
  const script = `export const words = [${Array.from({ length: 2000 }, (_, i) => `"值班台 ${i}"`).join(',')}];\n`;
  const html = `<!doctype html><html><head><title>值班台</title></head><body>${'<div></div>'.repeat(200)}</body></html>`;

  beforeAll(async () => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'dutydesk-web-'));
    fs.mkdirSync(path.join(root, 'assets'));
    fs.writeFileSync(path.join(root, 'assets', 'index-abc.js'), script);
    fs.writeFileSync(path.join(root, 'assets', 'tiny.css'), 'a{}');
    fs.writeFileSync(path.join(root, 'index.html'), html);
    const totals = precompressDir(root);
    expect(totals.files).toBe(2); // the script and the page; tiny.css is under 1 KiB
    expect(totals.brotli).toBeLessThan(totals.bytes / 4);
    app = Fastify();
    await registerWeb(app, root);
    await app.ready();
  });
  afterAll(async () => {
    await app.close();
    fs.rmSync(root, { recursive: true, force: true });
  });

  it('writes Brotli and gzip copies that decompress to the file, and none for a tiny one', () => {
    const file = path.join(root, 'assets', 'index-abc.js');
    expect(zlib.brotliDecompressSync(fs.readFileSync(`${file}.br`)).toString()).toBe(script);
    expect(zlib.gunzipSync(fs.readFileSync(`${file}.gz`)).toString()).toBe(script);
    expect(fs.existsSync(path.join(root, 'assets', 'tiny.css.br'))).toBe(false);
  });

  it('sends the Brotli copy, then gzip, then the file itself, with the script’s type and caching', async () => {
    const url = '/assets/index-abc.js';
    const br = await app.inject({ url, headers: { 'accept-encoding': 'gzip, deflate, br' } });
    expect(br.statusCode).toBe(200);
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers['content-type']).toMatch(/javascript/);
    expect(br.headers['cache-control']).toContain('immutable');
    expect(br.headers.vary).toMatch(/accept-encoding/i);
    expect(zlib.brotliDecompressSync(br.rawPayload).toString()).toBe(script);

    const gz = await app.inject({ url, headers: { 'accept-encoding': 'gzip' } });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(zlib.gunzipSync(gz.rawPayload).toString()).toBe(script);

    const plain = await app.inject({ url, headers: { 'accept-encoding': 'identity' } });
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body).toBe(script);
  });

  it('sends a file without a copy as it is, and index.html (compressed, not cached) for a deep link', async () => {
    const tiny = await app.inject({
      url: '/assets/tiny.css',
      headers: { 'accept-encoding': 'br' },
    });
    expect(tiny.statusCode).toBe(200);
    expect(tiny.headers['content-encoding']).toBeUndefined();
    expect(tiny.body).toBe('a{}');

    const deep = await app.inject({ url: '/roster/2026-12', headers: { 'accept-encoding': 'br' } });
    expect(deep.statusCode).toBe(200);
    expect(deep.headers['content-type']).toMatch(/text\/html/);
    expect(deep.headers['cache-control']).toBe('no-cache');
    expect(deep.headers['content-encoding']).toBe('br');
    expect(zlib.brotliDecompressSync(deep.rawPayload).toString()).toBe(html);
  });
});
