// A cmi5 package in a test-side LMS: the package (a .zip from `waymark publish cmi5`)
// served with the LMS's duties done the way the cmi5 specification gives them: the launch
// URL with its parameters, the fetch URL that hands out the session's token once, the
// LMS.LaunchData state document (from the package's cmi5.xml), the "launched" statement,
// and a state API. Statements the AU sends go on to Learning Locker's statement service.
//
//   node cmi5_journey.mjs PEERS CHROMIUM PACKAGE.zip JOURNEY LRS STATEMENTS.json [SHOT.png]
//
// JOURNEY: passed (read, complete, pass), failed (read, fail), resume (close and launch
// again: the same page and resume data, a new session). LRS is the statement service's
// endpoint; STATEMENTS.json receives what it stored for the registration, for
// xapi-validation. Every statement the AU sent is checked against the cmi5 rules here.
// Exits 0 when every check holds, else prints each failure and exits 1.
//
// The pages are the package's own, navigated by their links; their runtime (waymark.js)
// reports the page shown and saves its resume data through window.parent.WaymarkTracking.
// The assessment's result and the course's completion are reported by the journey itself,
// calling the same hook from inside the course frame as waymark.js does: the browser
// assessment (helper E's work, issue 18) was landing while this was written.
import { randomUUID } from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { peers, launch } from "./chromium.mjs";
import { readBody, startLms, unpack, until, endJourney } from "./lms_server.mjs";

const [peersFolder, chromium, zip, journey, lrs, statementsFile, screenshot] = process.argv.slice(2);
const { puppeteer } = peers(peersFolder);

const failures = [];
const expect = (ok, what) => {
  if (!ok) failures.push(what);
};

const CMI5 = "https://w3id.org/xapi/cmi5/context/categories/cmi5";
const MOVEON = "https://w3id.org/xapi/cmi5/context/categories/moveon";
const SESSION = "https://w3id.org/xapi/cmi5/context/extensions/sessionid";
const VERB = "http://adlnet.gov/expapi/verbs/";
const lrsAuth = "Basic " + Buffer.from("waymark:test").toString("base64");

const unpacked = unpack(zip);
const structure = readFileSync(join(unpacked.folder, "cmi5.xml"), "utf8");
const attribute = (name) => structure.match(new RegExp(`<au [^>]*${name}="([^"]*)"`))?.[1];
const au = {
  id: attribute("id"),
  moveOn: attribute("moveOn"),
  masteryScore: attribute("masteryScore") === undefined ? undefined : Number(attribute("masteryScore")),
  url: structure.match(/<url>([^<]*)<\/url>/)?.[1],
};
const courseId = structure.match(/<course id="([^"]*)"/)?.[1];

const actor = { objectType: "Agent", name: "Test Learner", account: { homePage: "https://lms.example", name: "learner-1" } };
const registration = randomUUID();
const tokens = new Map(); // token -> session id
const fetchUses = new Map(); // fetch id -> POSTs
const states = new Map(); // stateId -> document text
const stateWrites = [];
const sent = []; // every statement the AU sent, with its session
let launches = 0;

async function toLrs(path, init = {}) {
  const reply = await fetch(`${lrs}/${path}`, {
    ...init,
    headers: { Authorization: lrsAuth, "X-Experience-API-Version": "1.0.3", "Content-Type": "application/json" },
  });
  return { status: reply.status, text: await reply.text() };
}

const stateKey = (url) => {
  const q = url.searchParams;
  const agent = JSON.parse(q.get("agent") ?? "null");
  if (q.get("activityId") !== au.id || q.get("registration") !== registration || agent?.account?.name !== actor.account.name)
    failures.push(`state request for another AU, learner or registration: ${url.search}`);
  return q.get("stateId");
};

const lms = await startLms(unpacked.folder, async (request, response, url) => {
  const json = (status, body) => response.writeHead(status, { "Content-Type": "application/json" }).end(JSON.stringify(body));
  if (url.pathname.startsWith("/fetch/") && request.method === "POST") {
    const id = url.pathname.slice(7);
    const uses = (fetchUses.get(id) ?? 0) + 1;
    fetchUses.set(id, uses);
    if (uses > 1) return json(200, { "error-code": "1", "error-text": "already in use" }), true;
    const token = Buffer.from(`session:${randomUUID()}`).toString("base64");
    tokens.set(token, id);
    return json(200, { "auth-token": token }), true;
  }
  if (!url.pathname.startsWith("/xapi/")) return false;
  const session = tokens.get((request.headers.authorization ?? "").replace(/^Basic /, ""));
  if (!session) return json(401, { error: "no token" }), true;
  if (request.headers["x-experience-api-version"] !== "1.0.3") failures.push("a request without X-Experience-API-Version 1.0.3");
  const path = url.pathname.slice(6);
  if (path === "activities/state") {
    const stateId = stateKey(url);
    if (request.method === "GET") {
      if (!states.has(stateId)) return response.writeHead(404).end(), true;
      return response.writeHead(200, { "Content-Type": "application/json" }).end(states.get(stateId)), true;
    }
    if (request.method === "PUT" || request.method === "POST") {
      stateWrites.push(stateId);
      states.set(stateId, await readBody(request));
      return response.writeHead(204).end(), true;
    }
  }
  if (path === "statements" && request.method === "POST") {
    const body = await readBody(request);
    const statement = JSON.parse(body);
    sent.push({ session, statement });
    const stored = await toLrs("statements", { method: "POST", body });
    return response.writeHead(stored.status, { "Content-Type": "application/json" }).end(stored.text), true;
  }
  return json(400, { error: `unexpected ${request.method} ${path}` }), true;
});

// The LMS's duties before a launch: a session, LMS.LaunchData, "launched", the URL.
async function launchUrl() {
  const session = randomUUID();
  launches += 1;
  const fetchId = session;
  const contextTemplate = {
    contextActivities: { grouping: [{ id: au.id }] },
    extensions: { [SESSION]: session },
  };
  states.set(
    "LMS.LaunchData",
    JSON.stringify({
      contextTemplate,
      launchMode: "Normal",
      launchMethod: "AnyWindow",
      moveOn: au.moveOn,
      ...(au.masteryScore === undefined ? {} : { masteryScore: au.masteryScore }),
    }),
  );
  const launched = {
    id: randomUUID(),
    actor,
    verb: { id: VERB + "launched", display: { "en-US": "launched" } },
    object: { id: au.id, objectType: "Activity" },
    context: { ...structuredClone(contextTemplate), registration, contextActivities: { grouping: [{ id: au.id }], category: [{ id: CMI5 }] } },
    timestamp: new Date().toISOString(),
  };
  const stored = await toLrs("statements", { method: "POST", body: JSON.stringify(launched) });
  expect(stored.status === 200, `the LRS refused "launched": ${stored.status} ${stored.text}`);
  const q = new URLSearchParams({
    endpoint: `${lms.origin}/xapi/`,
    fetch: `${lms.origin}/fetch/${fetchId}`,
    actor: JSON.stringify(actor),
    registration,
    activityId: au.id,
  });
  return { url: `${lms.origin}/course/${au.url}?${q}`, session, fetchId };
}

const browser = await launch(puppeteer, chromium);
const problems = [];

const courseFrame = (page) =>
  page.frames().find((f) => /\/course\/(?!launch\.html)[^/?]+\.html$/.test(f.url()));
const hook = (page, method, ...args) =>
  courseFrame(page).evaluate((m, a) => window.parent.WaymarkTracking[m](...a), method, args);
const pageName = (page) => new URL(courseFrame(page).url()).pathname.split("/").pop();

async function open() {
  const launchInfo = await launchUrl();
  const page = await browser.newPage();
  await page.setViewport({ width: 1100, height: 800 });
  page.on("pageerror", (error) => problems.push(`script error: ${error.message}`));
  page.on("console", (m) => {
    // A state document not yet written is a 404, as xAPI says; Chromium logs it.
    const stateNotFound = m.location()?.url?.includes("/xapi/activities/state") && m.text().includes("404");
    if (m.type() === "error" && !stateNotFound) problems.push(`console: ${m.text()}`);
  });
  await page.goto(launchInfo.url);
  await until(() => courseFrame(page), "the course to open in the launch page");
  return { page, ...launchInfo };
}

async function follow(page, selector) {
  const frame = courseFrame(page);
  await Promise.all([frame.waitForNavigation(), frame.click(selector)]);
  return pageName(page);
}

async function close(page, session) {
  await page.goto("about:blank");
  await until(() => sent.some((s) => s.session === session && s.statement.verb.id === VERB + "terminated"), "terminated");
  await page.close();
}

// Only the connections the launch allows: another origin is refused by the narrowed policy
// (no-cors, so that nothing but the policy could refuse it).
async function checkPolicy(page) {
  const other = lms.origin.replace("127.0.0.1", "localhost") + "/course/index.html";
  const refused = await page.evaluate(async (url) => {
    let violated = "";
    document.addEventListener("securitypolicyviolation", (e) => (violated = e.effectiveDirective));
    try {
      await fetch(url, { mode: "no-cors" });
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    return violated === "connect-src";
  }, other);
  expect(refused, "the launch page may connect to an origin that is not the launch's");
  problems.splice(0, problems.length, ...problems.filter((p) => !p.includes("Content Security Policy") && !p.includes("Failed to fetch")));
}

// The cmi5 rules for the statements one session of the AU sent.
function checkSession(session, verbs) {
  const statements = sent.filter((s) => s.session === session).map((s) => s.statement);
  const names = statements.map((s) => s.verb.id.replace(VERB, ""));
  expect(JSON.stringify(names) === JSON.stringify(verbs), `session verbs ${names.join(", ")}, expected ${verbs.join(", ")}`);
  for (const s of statements) {
    const verb = s.verb.id.replace(VERB, "");
    const where = `${verb}:`;
    expect(s.context?.registration === registration, `${where} registration`);
    expect(s.context?.extensions?.[SESSION] === session, `${where} the session id extension`);
    expect(s.object?.id === au.id, `${where} object is the AU`);
    expect(s.actor?.account?.name === actor.account.name, `${where} actor`);
    const categories = (s.context?.contextActivities?.category ?? []).map((c) => c.id);
    expect(categories.includes(CMI5), `${where} the cmi5 category`);
    expect(s.context?.contextActivities?.grouping?.[0]?.id === au.id, `${where} the template's grouping`);
    const moveOn = ["completed", "passed", "failed"].includes(verb);
    expect(categories.includes(MOVEON) === moveOn, `${where} the moveon category ${moveOn ? "missing" : "where it does not belong"}`);
    expect(!Number.isNaN(Date.parse(s.timestamp)), `${where} timestamp`);
    if (verb !== "initialized") expect(/^PT(\d+H)?(\d+M)?\d+(\.\d+)?S$/.test(s.result?.duration ?? ""), `${where} duration ${s.result?.duration}`);
    if (verb === "completed") expect(s.result.completion === true && s.result.success === undefined && !s.result.score, `${where} completion only`);
    if (verb === "passed" || verb === "failed") {
      const scaled = s.result?.score?.scaled;
      expect(s.result.success === (verb === "passed") && s.result.completion === undefined, `${where} success`);
      expect(typeof scaled === "number" && scaled >= 0 && scaled <= 1, `${where} score.scaled`);
      if (au.masteryScore !== undefined)
        expect(verb === "passed" ? scaled >= au.masteryScore : scaled < au.masteryScore, `${where} score ${scaled} against masteryScore ${au.masteryScore}`);
    }
  }
}

try {
  expect(courseId?.startsWith("urn:waymark:course:") && au.id === courseId + ":au", `cmi5.xml ids ${courseId} ${au.id}`);
  expect(au.moveOn === "CompletedAndPassed" && au.masteryScore === 0.8, `cmi5.xml moveOn ${au.moveOn} masteryScore ${au.masteryScore}`);
  const first = await open();
  expect(pageName(first.page) === "index.html", "a first launch opens the contents");
  await checkPolicy(first.page);
  await follow(first.page, "a.start");
  const second = await follow(first.page, "a[rel=next]");
  if (journey === "passed" || journey === "failed") {
    const passed = journey === "passed";
    await hook(first.page, "assessmentResult", { raw: passed ? 9 : 5, min: 0, max: 10, passMark: 80, passed });
    if (passed) await hook(first.page, "courseCompleted");
    if (screenshot) await first.page.screenshot({ path: screenshot });
    await close(first.page, first.session);
    checkSession(first.session, passed ? ["initialized", "passed", "completed", "terminated"] : ["initialized", "failed", "terminated"]);
  } else if (journey === "resume") {
    await close(first.page, first.session);
    const kept = JSON.parse(states.get("https://waymark.dev/xapi/state/resume") ?? "{}");
    expect(JSON.parse(kept.data ?? "{}").r, `the pages' runtime saved no pages read: ${kept.data}`);
    const again = await open();
    expect(pageName(again.page) === second, `relaunch opens at ${pageName(again.page)}, not ${second}`);
    const state = await courseFrame(again.page).evaluate(() => window.parent.WaymarkTracking.loadState());
    expect(state === kept.data, `loadState after relaunch: ${state}, not ${kept.data}`);
    await close(again.page, again.session);
    checkSession(first.session, ["initialized", "terminated"]);
    checkSession(again.session, ["initialized", "terminated"]);
  } else {
    failures.push(`no journey called ${journey}`);
  }
  for (const [id, uses] of fetchUses) expect(uses === 1, `fetch URL ${id} was POSTed ${uses} times`);
  expect(fetchUses.size === launches, "one fetch per launch");
  expect(!stateWrites.includes("LMS.LaunchData"), "the AU wrote LMS.LaunchData");
  expect(stateWrites.length > 0, "the AU kept no resume data");
  const stored = await toLrs(`statements?${new URLSearchParams({ registration, ascending: "true", limit: "100" })}`);
  expect(stored.status === 200, `reading the LRS: ${stored.status}`);
  const statements = JSON.parse(stored.text).statements ?? [];
  expect(statements.length === sent.length + launches, `the LRS stored ${statements.length} statements of ${sent.length + launches}`);
  writeFileSync(statementsFile, JSON.stringify(statements, null, 1));
} catch (error) {
  failures.push(String(error.stack ?? error));
} finally {
  await browser.close();
  await lms.stop();
  unpacked.remove();
}

endJourney(journey, failures, problems);
