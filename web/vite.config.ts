// The web app: `npm run build:web` writes web/dist, which `taskstream serve` serves at `/`
// (src/http/plugins/web.ts). `npm run dev:web` serves it with hot reload on 127.0.0.1:5173 and
// proxies /api to a running Taskstream (TASKSTREAM_URL, default http://127.0.0.1:3000).
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';

const api = process.env.TASKSTREAM_URL ?? 'http://127.0.0.1:3000';
const contractValues = fileURLToPath(new URL('./src/lib/contract.ts', import.meta.url));

/**
 * contract/ mixes plain values (PRIORITIES, LIMITS, …) with zod schemas. The web app needs only the
 * values, and only through web/src/lib/contract.ts: this evaluates that module in Node and emits
 * its exports as JSON data, keeping zod (~30 KB gzipped) out of the bundle. A value import of
 * contract/ from anywhere else fails the build (type imports are erased before this runs).
 */
function inlineContractValues(): Plugin {
  return {
    name: 'taskstream:inline-contract-values',
    enforce: 'pre',
    resolveId(source, importer) {
      if (source.startsWith('#contract/') && importer && importer !== contractValues)
        this.error(
          `${importer} imports a value from ${source}: import it from web/src/lib/contract.ts instead.`,
        );
      return null;
    },
    async load(id) {
      if (id !== contractValues) return null;
      const values = (await import(`${pathToFileURL(contractValues).href}?t=${Date.now()}`)) as Record<
        string,
        unknown
      >;
      return Object.entries(values)
        .map(([name, value]) => {
          const json = JSON.stringify(value);
          if (json === undefined || JSON.stringify(JSON.parse(json)) !== json)
            this.error(`contract value ${name} is not plain data`);
          return `export const ${name} = /* @__PURE__ */ JSON.parse(${JSON.stringify(json)});`;
        })
        .join('\n');
    },
  };
}

/** Writes .br and .gz next to each text asset: the server sends them as they are (no work per request). */
function precompress(): Plugin {
  let outDir = '';
  return {
    name: 'taskstream:precompress',
    apply: 'build',
    configResolved(config) {
      outDir = join(config.root, config.build.outDir);
    },
    closeBundle() {
      for (const entry of readdirSync(outDir, { recursive: true, withFileTypes: true })) {
        if (!entry.isFile() || !/\.(js|css|html|svg|json|txt|webmanifest)$/.test(entry.name)) continue;
        const file = join(entry.parentPath, entry.name);
        const body = readFileSync(file);
        if (body.length < 512) continue;
        writeFileSync(
          `${file}.br`,
          brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }),
        );
        writeFileSync(`${file}.gz`, gzipSync(body, { level: 9 }));
      }
    },
  };
}

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  plugins: [inlineContractValues(), react(), precompress()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    reportCompressedSize: false,
  },
  server: {
    host: '127.0.0.1',
    port: 5173,
    proxy: {
      '/api': {
        target: api,
        changeOrigin: true,
        // Better Auth checks Origin against the server's own URL: present the proxied requests as its own.
        configure: (proxy) => {
          proxy.on('proxyReq', (request) => {
            if (request.getHeader('origin')) request.setHeader('origin', api);
          });
        },
      },
    },
  },
});
