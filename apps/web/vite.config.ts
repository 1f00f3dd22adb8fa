import { fileURLToPath } from "node:url";
import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

export default defineConfig({
  plugins: [react()],
  resolve: {
    // Use the contracts' TypeScript source directly: no build step between them and the web app.
    alias: { "@linli/contracts": fileURLToPath(new URL("../../packages/contracts/src/index.ts", import.meta.url)) },
  },
  server: { proxy: { "/api": "http://localhost:3000" } },
  build: { outDir: "dist", emptyOutDir: true, chunkSizeWarningLimit: 2000 },
});
