// Entry for `dutydesk dev`: the API alone, restarted by tsx on change; Vite serves the web app.
import { readSettings } from './config.ts';
import { startServer } from './main.ts';

await startServer(readSettings(), {
  webRoot: process.env.DUTYDESK_WEB === 'none' ? null : undefined,
});
