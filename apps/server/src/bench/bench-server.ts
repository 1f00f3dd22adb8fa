import { type ChildProcess, spawn } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { type AddressInfo, createServer as createNetServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

/** A free port on the loopback interface. */
export async function freePort(): Promise<number> {
  const server = createNetServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** Linli in its own process (dist/main.js), as it runs in production, on loopback. */
export interface BenchServer {
  readonly port: number;
  readonly pid: number;
  /** Resolves when the process has exited. */
  readonly exited: Promise<void>;
  /** The process's resident-memory high-water mark so far, in MB (Linux; null elsewhere). */
  peakMemoryMb(): number | null;
  /** Sends a signal (SIGTERM to stop it, SIGKILL to crash it) and waits for the exit. */
  stop(signal?: NodeJS.Signals): Promise<void>;
}

/**
 * Starts the server with the given environment (the database — `DATABASE_URL` or `DATA_DIR` —
 * and the keys) and waits until `/readyz` answers, at most a minute.
 */
export async function startBenchServer(environment: Record<string, string>): Promise<BenchServer> {
  const port = await freePort();
  const child: ChildProcess = spawn(process.execPath, [fileURLToPath(new URL("../main.js", import.meta.url))], {
    env: {
      ...process.env,
      HOST: "127.0.0.1",
      PORT: String(port),
      DEMO: "off",
      LOG_LEVEL: "silent",
      WEB_DIST: "none",
      PUBLIC_REQUESTS_PER_MINUTE: "1000000",
      CASE_ESCALATION_INTERVAL_SECONDS: "0",
      FILES_DIR: join(tmpdir(), "linli-bench-files"),
      ...environment,
    },
    stdio: ["ignore", "ignore", "inherit"],
  });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const server: BenchServer = {
    port,
    pid: child.pid ?? 0,
    exited,
    peakMemoryMb: () => {
      const status = existsSync(`/proc/${child.pid}/status`) ? readFileSync(`/proc/${child.pid}/status`, "utf8") : "";
      const kilobytes = /VmHWM:\s+(\d+) kB/.exec(status)?.[1];
      return kilobytes ? Number(kilobytes) / 1024 : null;
    },
    stop: async (signal = "SIGTERM") => {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      await exited;
    },
  };
  const deadline = Date.now() + 60_000;
  for (;;) {
    const ready = await fetch(`http://127.0.0.1:${port}/readyz`)
      .then((response) => response.ok)
      .catch(() => false);
    if (ready) return server;
    if (child.exitCode !== null || Date.now() > deadline) {
      await server.stop();
      throw new Error("the bench server did not start within a minute");
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}
