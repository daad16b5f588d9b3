// UI composer: fetches the page template, finds <!--mfe:name--> placeholders, renders every
// micro-frontend in parallel and streams the page, so the browser starts on the top of the page
// (and the largest contentful paint) before the slower fragments are ready.
import http from 'node:http';

import { discoverMicroFrontends, loadTemplate } from './discovery.mjs';
import { renderFragment } from './fragments.mjs';

const { DISCOVERY_PATH, TEMPLATE_BUCKET, PORT = '3000' } = process.env;
const PLACEHOLDER = /<!--\s*mfe:([a-z0-9-]+)\s*-->/g;

async function composeProductPage(productId, response) {
  const [template, microFrontends] = await Promise.all([loadTemplate(TEMPLATE_BUCKET, 'product'), discoverMicroFrontends(DISCOVERY_PATH)]);
  const parts = template.split(PLACEHOLDER); // [html, name, html, name, html, ...]
  // Start every fragment at once; write them in page order as they become ready.
  const fragments = new Map();
  for (let index = 1; index < parts.length; index += 2) {
    const name = parts[index];
    fragments.set(index, renderFragment(microFrontends.get(name), { productId }).catch((error) => {
      // Design for failure: one broken micro-frontend must not take the page down.
      console.error(JSON.stringify({ message: 'fragment failed', name, error: String(error) }));
      return `<!-- ${name} is unavailable -->`;
    }));
  }
  response.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
  for (let index = 0; index < parts.length; index += 1) {
    response.write(index % 2 === 0 ? parts[index] : await fragments.get(index));
  }
  response.end();
}

const server = http.createServer(async (request, response) => {
  const url = new URL(request.url ?? '/', 'http://localhost');
  try {
    if (url.pathname === '/health') {
      response.writeHead(200, { 'content-type': 'text/plain' }).end('ok');
      return;
    }
    const match = /^\/product\/([A-Za-z0-9_-]{1,64})$/.exec(url.pathname);
    if (request.method === 'GET' && match) {
      await composeProductPage(match[1], response);
      return;
    }
    response.writeHead(404, { 'content-type': 'text/plain' }).end('Not found');
  } catch (error) {
    console.error(JSON.stringify({ message: 'page failed', path: url.pathname, error: String(error) }));
    if (!response.headersSent) response.writeHead(500, { 'content-type': 'text/plain' });
    response.end('Something went wrong.');
  }
});

server.listen(Number(PORT), () => console.log(JSON.stringify({ message: 'UI composer listening', port: PORT })));
