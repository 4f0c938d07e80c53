// lms-cmi5.js: the cmi5 adapter of the launch page (cmi5 specification, "AU" duties).
// At launch it reads the launch parameters (endpoint, fetch, actor, registration,
// activityId), narrows the page's connect-src to the endpoint and fetch URL, POSTs the
// fetch URL once for the session's token, reads the LMS.LaunchData state document and the
// course's own resume document, sends "initialized" and opens the course. Then it gives
// the course's pages window.WaymarkTracking:
//   loadState()        the resume data from the state document below, read at launch
//   saveState(data)    stored in the state document kResumeState (never LMS.LaunchData)
//   pageShown(path)    the bookmark, stored in the same document
//   assessmentResult() "passed" or "failed", with the score scaled 0..1
//   courseCompleted()  "completed"
// and sends "terminated" once when the learner leaves. Every statement carries the LMS's
// context template, the registration and the cmi5 category; completed, passed and failed
// also the moveon category. In Browse and Review launch modes none of those three is sent.
"use strict";

(() => {
  const launch = window.WaymarkLaunch;
  const kVerbs = {
    initialized: "http://adlnet.gov/expapi/verbs/initialized",
    completed: "http://adlnet.gov/expapi/verbs/completed",
    passed: "http://adlnet.gov/expapi/verbs/passed",
    failed: "http://adlnet.gov/expapi/verbs/failed",
    terminated: "http://adlnet.gov/expapi/verbs/terminated",
  };
  const kCmi5Category = "https://w3id.org/xapi/cmi5/context/categories/cmi5";
  const kMoveOnCategory = "https://w3id.org/xapi/cmi5/context/categories/moveon";
  const kResumeState = "https://waymark.dev/xapi/state/resume";
  const kVersion = "1.0.3";

  const problem = (text) =>
    launch.notice(
      `Your progress is not being recorded by your learning platform (${text}). Keep this ` +
        "window open and tell whoever looks after your learning platform.",
    );

  // A version 4 UUID from getRandomValues, which (unlike randomUUID) works on plain http.
  const uuid = () => {
    const b = crypto.getRandomValues(new Uint8Array(16));
    b[6] = (b[6] & 0x0f) | 0x40;
    b[8] = (b[8] & 0x3f) | 0x80;
    const h = [...b].map((x) => x.toString(16).padStart(2, "0")).join("");
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
  };

  // ISO 8601 duration, as xAPI wants it: "PT1H2M3.45S".
  const duration = (milliseconds) => {
    const hundredths = Math.round(milliseconds / 10);
    const h = Math.floor(hundredths / 360000);
    const m = Math.floor(hundredths / 6000) % 60;
    const s = (hundredths % 6000) / 100;
    return `PT${h ? h + "H" : ""}${h || m ? m + "M" : ""}${s}S`;
  };

  const httpUrl = (text) => {
    try {
      const url = new URL(text);
      return url.protocol === "https:" || url.protocol === "http:" ? url : null;
    } catch {
      return null;
    }
  };

  const readLaunch = () => {
    const q = new URLSearchParams(location.search);
    const endpoint = httpUrl(q.get("endpoint") ?? "");
    const fetchUrl = httpUrl(q.get("fetch") ?? "");
    let actor = null;
    try {
      actor = JSON.parse(q.get("actor") ?? "");
    } catch {
      actor = null;
    }
    const registration = q.get("registration") ?? "";
    const activityId = q.get("activityId") ?? "";
    if (!endpoint || !fetchUrl || !actor || typeof actor !== "object" || !registration || !activityId)
      return null;
    return { endpoint, fetchUrl, actor, registration, activityId };
  };

  // A second policy, which the browser enforces as well as the page's own: requests may go
  // to the origins of this launch's endpoint and fetch URL, and nowhere else.
  const narrowConnections = ({ endpoint, fetchUrl }) => {
    const meta = document.createElement("meta");
    meta.httpEquiv = "Content-Security-Policy";
    meta.content = `connect-src ${endpoint.origin} ${fetchUrl.origin}`;
    document.head.append(meta);
  };

  // The fetch URL answers once per launch; a reload of this page keeps the token.
  const authToken = async (fetchUrl) => {
    const key = "waymark-cmi5-token " + fetchUrl.href;
    try {
      const kept = sessionStorage.getItem(key);
      if (kept) return kept;
    } catch {
      // No storage: ask the fetch URL.
    }
    const reply = await fetch(fetchUrl.href, { method: "POST" });
    const body = await reply.json();
    if (!reply.ok || typeof body["auth-token"] !== "string")
      throw new Error(`the fetch URL gave no token, error code ${body["error-code"] ?? reply.status}`);
    try {
      sessionStorage.setItem(key, body["auth-token"]);
    } catch {
      // Only a reload would need it again.
    }
    return body["auth-token"];
  };

  const start = async () => {
    const params = readLaunch();
    if (!params) throw new Error("the launch address lacks endpoint, fetch, actor, registration or activityId");
    narrowConnections(params);
    const { endpoint, actor, registration, activityId } = params;
    const base = endpoint.href.endsWith("/") ? endpoint.href : endpoint.href + "/";
    const token = await authToken(params.fetchUrl);

    const request = (path, query, init = {}) =>
      fetch(`${base}${path}?${new URLSearchParams(query)}`, {
        ...init,
        headers: {
          Authorization: `Basic ${token}`,
          "X-Experience-API-Version": kVersion,
          ...(init.body ? { "Content-Type": "application/json" } : {}),
        },
      });
    const stateQuery = (stateId) => ({
      activityId,
      agent: JSON.stringify(actor),
      registration,
      stateId,
    });
    const readState = async (stateId) => {
      const reply = await request("activities/state", stateQuery(stateId));
      if (reply.status === 404) return null;
      if (!reply.ok) throw new Error(`reading ${stateId} gave HTTP ${reply.status}`);
      return reply.json();
    };

    const launchData = await readState("LMS.LaunchData");
    if (!launchData || !launchData.contextTemplate)
      throw new Error("the LMS.LaunchData state document is missing");
    const resume = (await readState(kResumeState)) ?? {};
    const normal = (launchData.launchMode ?? "Normal") === "Normal";
    const masteryScore = typeof launchData.masteryScore === "number" ? launchData.masteryScore : null;

    const check = (what) => (reply) => {
      if (!reply.ok) throw new Error(`${what} gave HTTP ${reply.status}`);
    };
    // Saves of the resume document go out one after another, so the last one made is the
    // one kept.
    let saves = Promise.resolve();

    const statement = (verb, result, moveOn) => {
      const context = structuredClone(launchData.contextTemplate);
      context.registration = registration;
      const activities = (context.contextActivities ??= {});
      const categories = (activities.category ??= []);
      for (const id of moveOn ? [kCmi5Category, kMoveOnCategory] : [kCmi5Category])
        if (!categories.some((c) => c.id === id)) categories.push({ id });
      return {
        id: uuid(),
        actor,
        verb: { id: kVerbs[verb], display: { "en-US": verb } },
        object: { id: activityId, objectType: "Activity" },
        ...(result ? { result } : {}),
        context,
        timestamp: new Date().toISOString(),
      };
    };
    // Statements go out at once and with keepalive, so one sent just before the learner
    // leaves still arrives, and always before "terminated" (an LMS refuses statements of a
    // session after it). Waiting for each answer in turn would hold a statement back until
    // the page had gone.
    const send = (verb, result, moveOn) =>
      request("statements", {}, {
        method: "POST",
        body: JSON.stringify(statement(verb, result, moveOn)),
        keepalive: true,
      })
        .then(check(verb))
        .catch((error) => problem(error.message));
    const elapsed = () => duration(launch.sessionMilliseconds());

    const putResume = (init = {}) =>
      request("activities/state", stateQuery(kResumeState), {
        method: "PUT",
        body: JSON.stringify(resume),
        ...init,
      }).then(check("saving your progress"));
    const saveResume = () => {
      saves = saves.then(() => putResume()).catch((error) => problem(error.message));
    };

    await send("initialized");

    const done = resume.sent ?? {};
    resume.sent = done;
    let terminated = false;

    window.WaymarkTracking = Object.freeze({
      loadState() {
        return typeof resume.data === "string" ? resume.data : null;
      },

      saveState(data) {
        resume.data = String(data);
        saveResume();
      },

      pageShown(path) {
        const page = launch.pageName(path);
        if (!page || page === resume.location) return;
        resume.location = page;
        saveResume();
      },

      assessmentResult({ raw, min, max, passed }) {
        if (!normal || terminated) return;
        const span = Number(max) - Number(min);
        const scaled = span > 0 ? Math.min(1, Math.max(0, (Number(raw) - Number(min)) / span)) : 0;
        // The LMS's masteryScore decides, as cmi5 requires; it is the course's pass mark
        // unless the LMS changed it.
        const success = masteryScore === null ? Boolean(passed) : scaled >= masteryScore;
        // A registration is passed once; a failed attempt may follow a failed attempt.
        if (success && done.passed) return;
        const score = { scaled, raw: Number(raw), min: Number(min), max: Number(max) };
        send(success ? "passed" : "failed", { score, success, duration: elapsed() }, true);
        if (success) {
          done.passed = true;
          saveResume();
        }
      },

      courseCompleted() {
        if (!normal || terminated || done.completed) return;
        send("completed", { completion: true, duration: elapsed() }, true);
        done.completed = true;
        saveResume();
      },
    });

    launch.onLeave(() => {
      terminated = true;
      // keepalive lets the requests outlive the page (sendBeacon could not carry the
      // token): the resume document once more, whole, in case a save was still waiting.
      putResume({ keepalive: true }).catch(() => {});
      send("terminated", { duration: elapsed() });
    });

    launch.openCourse(resume.location);
  };

  start().catch((error) => {
    problem(error.message);
    launch.openCourse(null);
  });
})();
