// node check_pages.mjs PEERS CHROMIUM SITE MODE
//
// MODE axe:     axe-core (WCAG 2.0-2.2 A and AA and best practice) on every page, with
//               the system theme light and dark; every violation is printed.
// MODE reflow:  every page at 320 CSS px wide and at 200% zoom of a 1280 px window
//               (640 CSS px): nothing wider than the viewport, so no sideways scrolling.
// MODE offline: every page loads with no request beyond its own files and no error
//               (a Content-Security-Policy violation is one).
// Exit 0 when every page passes, 1 with the problems listed.
import { peers, launch, pagesOf, urlOf, watch } from "./chromium.mjs";

const [peerFolder, chromium, site, mode] = process.argv.slice(2);
const { puppeteer, axeSource } = peers(peerFolder);
const browser = await launch(puppeteer, chromium);
const problems = [];
let checked = 0;

try {
  const page = await browser.newPage();
  watch(page, problems);
  for (const name of pagesOf(site)) {
    if (mode === "axe") {
      for (const scheme of ["light", "dark"]) {
        await page.emulateMediaFeatures([{ name: "prefers-color-scheme", value: scheme }]);
        await page.goto(urlOf(site, name), { waitUntil: "load" });
        // Given through the DevTools protocol, so the page's own policy does not block it.
        await page.evaluate(axeSource);
        const result = await page.evaluate(() =>
          window.axe.run(document, {
            runOnly: {
              type: "tag",
              values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"],
            },
            resultTypes: ["violations"],
            // axe would fetch the stylesheets again itself, which the page's policy forbids.
            preload: false,
          }),
        );
        for (const v of result.violations)
          for (const node of v.nodes)
            problems.push(`${name} (${scheme}): ${v.id}: ${v.help}: ${node.target.join(" ")}`);
        checked++;
      }
    } else if (mode === "reflow") {
      for (const [width, scale] of [[320, 1], [640, 2]]) {
        await page.setViewport({ width, height: 800, deviceScaleFactor: scale });
        await page.goto(urlOf(site, name), { waitUntil: "load" });
        const wide = await page.evaluate(() => document.documentElement.scrollWidth);
        if (wide > width) problems.push(`${name} at ${width} CSS px: ${wide} px wide`);
        checked++;
      }
    } else if (mode === "offline") {
      await page.goto(urlOf(site, name), { waitUntil: "load" });
      const styled = await page.evaluate(
        () => getComputedStyle(document.querySelector(".skip-link")).position === "absolute",
      );
      if (!styled) problems.push(`${name}: waymark.css did not apply`);
      checked++;
    } else {
      problems.push(`unknown mode ${mode}`);
      break;
    }
  }
} finally {
  await browser.close();
}

console.log(`${mode}: ${checked} checks, ${problems.length} problems`);
for (const p of problems) console.log(p);
process.exit(problems.length === 0 && checked > 0 ? 0 : 1);
