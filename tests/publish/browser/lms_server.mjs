// The test-side learning platform the SCORM and cmi5 checks share: an HTTP server on
// 127.0.0.1 (a free port) that serves an unpacked package under /course/ and whatever the
// check adds as routes. Stopped by the check when it ends.
import { createServer } from "node:http";
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { extname, join, normalize, sep } from "node:path";

const types = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".png": "image/png",
  ".jpg": "image/jpeg",
  ".svg": "image/svg+xml",
  ".xml": "application/xml",
};

// The package's files in a new folder, as an LMS unpacks an upload.
export function unpack(zip) {
  const folder = mkdtempSync(join(tmpdir(), "waymark-lms-"));
  execFileSync("unzip", ["-q", zip, "-d", folder]);
  return { folder, remove: () => rmSync(folder, { recursive: true, force: true }) };
}

export function sendFile(response, file) {
  try {
    if (!statSync(file).isFile()) throw new Error("not a file");
    response.writeHead(200, { "Content-Type": types[extname(file)] ?? "application/octet-stream" });
    response.end(readFileSync(file));
  } catch {
    response.writeHead(404).end();
  }
}

// A file under `root` named by the rest of a URL path, or null if it would leave it.
export function fileUnder(root, rest) {
  const file = normalize(join(root, decodeURIComponent(rest)));
  return file.startsWith(root + sep) ? file : null;
}

export function readBody(request) {
  return new Promise((resolve) => {
    const parts = [];
    request.on("data", (part) => parts.push(part));
    request.on("end", () => resolve(Buffer.concat(parts).toString("utf8")));
  });
}

// Starts the server: `route(request, response, url)` answers first and returns true when
// it did; else /course/ serves the package in `folder`.
export async function startLms(folder, route) {
  const server = createServer(async (request, response) => {
    const url = new URL(request.url, "http://127.0.0.1");
    if (url.pathname === "/favicon.ico") return void response.writeHead(204).end();
    try {
      if (await route(request, response, url)) return;
    } catch (error) {
      response.writeHead(500).end(String(error));
      return;
    }
    const file = url.pathname.startsWith("/course/") ? fileUnder(folder, url.pathname.slice(8)) : null;
    if (file) sendFile(response, file);
    else response.writeHead(404).end();
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    origin: `http://127.0.0.1:${server.address().port}`,
    stop: () => new Promise((resolve) => server.close(resolve)),
    server,
  };
}

// Waits until `test()` is true, checking every 50 ms; throws `what` after `ms`.
export async function until(test, what, ms = 10000) {
  const end = Date.now() + ms;
  while (!(await test())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

// Ends a journey script: the page problems watched (console errors, policy violations)
// join the failures; any failure is printed and the script exits 1, else it says so.
export function endJourney(journey, failures, problems) {
  for (const p of problems) failures.push(p);
  if (failures.length) {
    console.log(failures.join("\n"));
    process.exit(1);
  }
  console.log(`${journey}: every check held`);
}
