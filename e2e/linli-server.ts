import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const mainScript = fileURLToPath(new URL("../apps/server/dist/main.js", import.meta.url));
const regionsImportScript = fileURLToPath(new URL("../apps/server/dist/cli/regions-import.js", import.meta.url));

export interface RunningServer {
  url: string;
  admin: { username: string; password: string };
  output: () => string;
  stop: () => Promise<number | null>;
}

/**
 * Starts the built server as `npm start` would, on a fresh data directory and a free port, and
 * reads the URL and the first administrator's one-time password (or the demo password) from what it prints.
 */
export async function startLinli(
  env: Record<string, string> = {},
  { importRegionsOf }: { importRegionsOf?: string } = {},
): Promise<RunningServer> {
  const dataDir = mkdtempSync(join(tmpdir(), "linli-e2e-"));
  // As an operator would: `npm run regions:import -- --province NN` on the data directory first.
  if (importRegionsOf) {
    execFileSync(process.execPath, [regionsImportScript, "--province", importRegionsOf], {
      env: { ...process.env, DATA_DIR: dataDir, DATABASE_URL: "", LOG_LEVEL: "warn" },
      stdio: "ignore",
    });
  }
  const child: ChildProcess = spawn(process.execPath, [mainScript], {
    // Without the demo unless a test asks for it (DEMO=auto or on): most tests start from an empty database.
    env: {
      ...process.env,
      DATA_DIR: dataDir,
      PORT: "0",
      HOST: "127.0.0.1",
      LOG_LEVEL: "warn",
      DATABASE_URL: "",
      DEMO: "off",
      ...env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout?.on("data", (chunk) => (output += chunk));
  child.stderr?.on("data", (chunk) => (output += chunk));
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));

  const deadline = Date.now() + 90_000;
  while (!/password: (\S+)/.test(output)) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`server exited early (${child.exitCode ?? child.signalCode}):\n${output}`);
    }
    if (Date.now() > deadline) throw new Error(`server did not start in time:\n${output}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  const url = /running at (http:\/\/\S+)/.exec(output)?.[1] ?? "";
  // In demo mode the system administrator is the demo's, with the demo password.
  const username = /Demo mode/.test(output) ? "demo.sysadmin" : (/username: (\S+)/.exec(output)?.[1] ?? "");
  const password = /password: (\S+)/.exec(output)?.[1] ?? "";
  return {
    url,
    admin: { username, password },
    output: () => output,
    stop: async () => {
      child.kill("SIGTERM");
      const code = await exited;
      rmSync(dataDir, { recursive: true, force: true });
      return code;
    },
  };
}
