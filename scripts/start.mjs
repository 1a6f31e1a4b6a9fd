// `npm start`: where Excel can run (Windows or macOS, with office-addin-debugging installed), sideload
// the add-in and start its https dev server; everywhere, serve the playground and print its URL.
// Arguments pass through to office-addin-debugging: `npm start -- web --document URL`.
import { spawn } from "node:child_process";
import { createRequire } from "node:module";
import { existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const require = createRequire(path.join(root, "package.json"));
const npx = process.platform === "win32" ? "npx.cmd" : "npx";
const PLAYGROUND_URL = "http://localhost:3001/playground.html";
const args = process.argv.slice(2);

function hasDebugging() {
  try {
    require.resolve("office-addin-debugging/package.json");
    return true;
  } catch {
    return false;
  }
}

const children = [];
function run(label, cmd, cmdArgs) {
  const child = spawn(cmd, cmdArgs, { cwd: root, stdio: "inherit", env: process.env });
  child.on("exit", (code, signal) => {
    if (code !== 0 && signal === null) console.error(`${label} stopped with exit code ${code}.`);
  });
  children.push(child);
  return child;
}

function stopAll() {
  for (const child of children) if (child.exitCode === null) child.kill();
}
process.on("SIGINT", () => {
  stopAll();
  process.exit(130);
});
process.on("SIGTERM", () => {
  stopAll();
  process.exit(143);
});

const excelHere = process.platform === "win32" || process.platform === "darwin";
const webRequested = args[0] === "web";
if ((excelHere || webRequested) && hasDebugging() && existsSync(path.join(root, "manifest.xml"))) {
  console.log("Starting the add-in: https://localhost:3000 and sideloading manifest.xml into Excel…");
  run("office-addin-debugging", npx, [
    "office-addin-debugging",
    "start",
    "manifest.xml",
    ...args,
    "--dev-server",
    "npx webpack serve --mode development",
    "--dev-server-port",
    "3000",
  ]);
} else if (excelHere || webRequested) {
  console.log(
    "office-addin-debugging is not installed (it is optional), so Excel is not started. " +
      "Run `npm install office-addin-debugging` to sideload the add-in, or use the playground below.",
  );
} else {
  console.log(
    "No Excel on this machine (Excel runs on Windows, macOS and the web): serving the playground only.",
  );
  console.log("For Excel on the web: `npm start -- web --document <SharePoint workbook URL>`.");
}

run("playground", npx, ["webpack", "serve", "--mode", "development", "--env", "playground"]);
console.log(`\nPlayground: ${PLAYGROUND_URL}  (the task pane beside a sample workbook; Ctrl+C to stop)\n`);
