// What the browser checks share: puppeteer-core and axe-core from the folder the test
// installed them into (tests/support), Debian's Chromium, and the pages of a published
// course with everything a page asks of the network or its security policy recorded.
import { createRequire } from "node:module";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";

export function peers(folder) {
  const require = createRequire(join(folder, "package.json"));
  return {
    puppeteer: require("puppeteer-core"),
    axeSource: readFileSync(require.resolve("axe-core/axe.min.js"), "utf8"),
  };
}

export async function launch(puppeteer, chromium) {
  return puppeteer.launch({
    executablePath: chromium,
    headless: true,
    args: ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run"],
  });
}

// Every .html file of the site, index.html first, then in name order.
export function pagesOf(site) {
  const names = readdirSync(site).filter((name) => name.endsWith(".html")).sort();
  return ["index.html", ...names.filter((name) => name !== "index.html")];
}

export function urlOf(site, name) {
  return pathToFileURL(join(site, name)).href;
}

// Records, on `problems`, any request that is not for a file (the network) and any
// message the console gives about the Content-Security-Policy or a failed load.
export function watch(page, problems) {
  page.on("request", (request) => {
    if (!request.url().startsWith("file:")) problems.push(`network request: ${request.url()}`);
  });
  page.on("requestfailed", (request) => problems.push(`failed to load: ${request.url()}`));
  page.on("console", (message) => {
    if (message.type() === "error") problems.push(`console error: ${message.text()}`);
  });
  page.on("pageerror", (error) => problems.push(`script error: ${error.message}`));
}
