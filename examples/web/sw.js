// Keeps the page working offline once it has been loaded: every file it needs is cached at
// install, then served from the cache first. The page never sends data anywhere.
const CACHE = 'apart-simulator-v2'
const FILES = [
  './', './index.html', './style.css', './app.js', './claim-worker.js',
  './pkg/index.js', './pkg/errors.js', './pkg/apart_wasm.js', './pkg/apart_wasm_bg.wasm',
]

self.addEventListener('install', (event) => {
  event.waitUntil(caches.open(CACHE).then((cache) => cache.addAll(FILES)).then(() => self.skipWaiting()))
})

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches.keys()
      .then((keys) => Promise.all(keys.filter((k) => k !== CACHE).map((k) => caches.delete(k))))
      .then(() => self.clients.claim()),
  )
})

self.addEventListener('fetch', (event) => {
  if (event.request.method !== 'GET') return
  event.respondWith(caches.match(event.request, { ignoreSearch: true }).then((hit) => hit ?? fetch(event.request)))
})
