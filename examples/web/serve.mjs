// Serves the simulator page on 127.0.0.1 (static files only): examples/web at `/`, the built
// apart-wasm package (target/wasm-pkg, `make wasm-build`) at `/pkg/`.
//   node examples/web/serve.mjs [port]      then open http://127.0.0.1:8080/
import { createServer } from 'node:http'
import { readFile } from 'node:fs/promises'
import { extname, join, normalize, dirname } from 'node:path'
import { fileURLToPath } from 'node:url'

const here = dirname(fileURLToPath(import.meta.url))
const TYPES = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8', '.wasm': 'application/wasm', '.json': 'application/json', '.csv': 'text/csv',
  '.ts': 'text/plain; charset=utf-8',
}

/** Starts the server; resolves to `{ url, close }`. Port 0 picks a free port. */
export function serve({ port = 0, pkg = join(here, '..', '..', 'target', 'wasm-pkg') } = {}) {
  const server = createServer(async (req, res) => {
    const path = decodeURIComponent(new URL(req.url, 'http://x').pathname)
    const [base, rest] = path.startsWith('/pkg/') ? [pkg, path.slice(5)] : [here, path.slice(1) || 'index.html']
    const file = normalize(join(base, rest))
    if (!file.startsWith(base)) { res.writeHead(403).end(); return }
    try {
      const body = await readFile(file)
      res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-cache' })
      res.end(body)
    } catch {
      res.writeHead(404).end('not found')
    }
  })
  return new Promise((resolve) => {
    server.listen(port, '127.0.0.1', () => {
      resolve({ url: `http://127.0.0.1:${server.address().port}/`, close: () => new Promise((r) => server.close(r)) })
    })
  })
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { url } = await serve({ port: Number(process.argv[2] ?? 8080) })
  console.log(`simulator on ${url}`)
}
