/**
 * The in-Excel harness's local report server (the office-addin-test-server approach, written here
 * with node:http so the add-in needs no package for it): the test pane running inside Excel posts
 * each result to https://localhost:4201/results (http when no development certificate is found);
 * this prints them and exits 0 when every test passed, 1 when any failed, 2 when no run arrived
 * within the time allowed.
 *
 *   npx tsx test/in-excel/report-server.ts [--timeout-minutes 15]
 *
 * It listens on localhost only and accepts only the messages in harness-protocol.ts.
 */
import { existsSync, readFileSync } from "node:fs";
import { createServer as createHttpServer, type IncomingMessage, type ServerResponse } from "node:http";
import { createServer as createHttpsServer } from "node:https";
import { homedir } from "node:os";
import path from "node:path";
import { REPORT_PORT, harnessMessage } from "./harness-protocol";

/** Where office-addin-dev-certs (npm start) keeps the localhost certificate Office trusts. */
const CERT_DIR = path.join(homedir(), ".office-addin-dev-certs");
const MAX_BODY_BYTES = 64 * 1024;

function minutesFrom(argv: readonly string[]): number {
  const i = argv.indexOf("--timeout-minutes");
  const value = i < 0 ? 15 : Number(argv[i + 1]);
  return Number.isFinite(value) && value > 0 ? value : 15;
}

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let size = 0;
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        reject(new Error("message too large"));
        request.destroy();
      } else chunks.push(chunk);
    });
    request.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    request.on("error", reject);
  });
}

function main(): void {
  let failures = 0;
  let results = 0;
  const finish = (code: number): never => process.exit(code);

  const handle = (request: IncomingMessage, response: ServerResponse): void => {
    // The pane is served from https://localhost:3000; it may post here across origins.
    response.setHeader("Access-Control-Allow-Origin", request.headers.origin ?? "*");
    response.setHeader("Access-Control-Allow-Headers", "content-type");
    if (request.method === "OPTIONS") {
      response.writeHead(204).end();
      return;
    }
    if (request.method !== "POST" || request.url !== "/results") {
      response.writeHead(404).end();
      return;
    }
    readBody(request).then(
      (body) => {
        let parsed: unknown = null;
        try {
          parsed = JSON.parse(body);
        } catch {
          parsed = null;
        }
        const message = harnessMessage(parsed);
        if (message === null) {
          response.writeHead(400).end();
          return;
        }
        response.writeHead(204).end();
        if (message.kind === "result") {
          results += 1;
          if (!message.passed) failures += 1;
          const mark = message.passed ? "pass" : "FAIL";
          console.log(
            `${mark}  ${message.name} (${message.ms} ms)${message.detail ? `\n      ${message.detail}` : ""}`,
          );
        } else {
          console.log(`\n${message.host}\n${message.passed} passed, ${message.failed} failed`);
          finish(message.failed === 0 && failures === 0 && results > 0 ? 0 : 1);
        }
      },
      () => response.writeHead(413).end(),
    );
  };

  const key = path.join(CERT_DIR, "localhost.key");
  const cert = path.join(CERT_DIR, "localhost.crt");
  const secure = existsSync(key) && existsSync(cert);
  const server = secure
    ? createHttpsServer({ key: readFileSync(key), cert: readFileSync(cert) }, handle)
    : createHttpServer(handle);
  server.listen(REPORT_PORT, "localhost", () => {
    console.log(
      `Waiting for the in-Excel tests on ${secure ? "https" : "http"}://localhost:${REPORT_PORT}/results …`,
    );
  });
  const minutes = minutesFrom(process.argv.slice(2));
  setTimeout(() => {
    console.error(`No complete run arrived within ${minutes} minutes.`);
    finish(2);
  }, minutes * 60_000).unref();
}

main();
