// npm start: build what is missing or stale, then run the server in this process.
import { execFileSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";

const root = new URL("..", import.meta.url).pathname;
const run = (command, args) => execFileSync(command, args, { cwd: root, stdio: "inherit" });

/** Newest modification time of any file under these directories. */
function newest(...directories) {
  let latest = 0;
  for (const directory of directories) {
    for (const entry of readdirSync(join(root, directory), { withFileTypes: true, recursive: true })) {
      if (entry.isFile()) latest = Math.max(latest, statSync(join(entry.parentPath, entry.name)).mtimeMs);
    }
  }
  return latest;
}

// TypeScript's build mode is incremental: a no-op when nothing changed.
run(process.execPath, [join(root, "node_modules/typescript/bin/tsc"), "-b", "apps/server"]);

const webIndex = join(root, "apps/web/dist/index.html");
const webStale =
  !existsSync(webIndex) || statSync(webIndex).mtimeMs < newest("apps/web/src", "apps/web/public", "packages/contracts/src");
if (webStale) run("npm", ["run", "build", "--silent", "-w", "@linli/web"]);

await import(join(root, "apps/server/dist/main.js"));
