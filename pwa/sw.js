// Flok's service worker: keeps the app shell (html, js, wasm, css, icons) so
// Flok starts and works with no network after the first visit. The build
// (scripts/service-worker.sh, a Trunk hook) writes in VERSION, a hash of
// every shell file, and FILES: each build is a cache of its own, so stale
// files are never served, and a new one waits until the page accepts it
// ("Reload to update"). Data lives in IndexedDB and localStorage, which this
// worker never touches. It also receives files shared to Flok (the
// manifest's share_target): the file waits in a cache of its own until the
// page, opened at `?shared#/open`, takes it to the import preview.
const VERSION = '__FLOK_VERSION__';
const FILES = __FLOK_FILES__;
const CACHE = `flok-shell-${VERSION}`;
const SHELL = new URL('./', self.location).href;
const SHARE_TARGET = new URL('./share-target', self.location).href;
const SHARED_CACHE = 'flok-shared';
const SHARED_KEY = 'shared-file';

self.addEventListener('install', (event) => {
  // Past the HTTP cache: a new version must never cache an old file.
  const fresh = [SHELL, ...FILES].map((url) => new Request(url, { cache: 'reload' }));
  event.waitUntil(caches.open(CACHE).then((cache) => cache.addAll(fresh)));
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      for (const name of await caches.keys()) {
        if (name.startsWith('flok-shell-') && name !== CACHE) await caches.delete(name);
      }
      await self.clients.claim();
    })(),
  );
});

// The page says when to switch to a waiting version.
self.addEventListener('message', (event) => {
  if (event.data === 'update') self.skipWaiting();
});

/** Keeps the first file of a share, and opens Flok where it takes it. */
async function receiveShare(request) {
  const form = await request.formData();
  const file = form.getAll('file').find((value) => typeof value !== 'string');
  const cache = await caches.open(SHARED_CACHE);
  if (file) {
    const headers = { 'content-type': file.type || 'application/octet-stream', 'x-flok-name': encodeURIComponent(file.name) };
    await cache.put(SHARED_KEY, new Response(file, { headers }));
  }
  return Response.redirect(new URL(file ? './?shared#/open' : './#/open', SHELL).href, 303);
}

self.addEventListener('fetch', (event) => {
  const { request } = event;
  if (request.method === 'POST' && request.url === SHARE_TARGET) {
    event.respondWith(receiveShare(request));
    return;
  }
  // Only the shell is served from the cache; anything else (a sync server,
  // even on this origin) goes to the network as if there were no worker.
  if (request.method !== 'GET' || !request.url.startsWith(self.registration.scope)) return;
  const cached = caches.match(request.mode === 'navigate' ? SHELL : request, { cacheName: CACHE });
  event.respondWith(cached.then((hit) => hit ?? fetch(request)));
});
