// lms-scorm12.js: the SCORM 1.2 adapter of the launch page. It finds the LMS's API as the
// SCORM 1.2 Run-Time Environment says (this window and its parents, then the opener's),
// opens the session once, and gives the course's pages window.WaymarkTracking:
//   loadState()        cmi.suspend_data, saved by an earlier session
//   saveState(data)    cmi.suspend_data (at most 4,096 characters in SCORM 1.2), committed
//   pageShown(path)    cmi.core.lesson_location, the page to resume at
//   assessmentResult() cmi.core.score.raw/min/max in percent and lesson_status passed or
//                      failed, committed
//   courseCompleted()  lesson_status completed, for a course without an assessment
// Leaving the launch page sets session_time and exit and calls LMSFinish, once.
"use strict";

(() => {
  const launch = window.WaymarkLaunch;
  const kSuspendDataLimit = 4096; // characters, SCORM 1.2 RTE 3.4.4 (cmi.suspend_data)
  const kMaxParents = 7; // the search depth of the RTE's own findAPI()

  // The API object in `win` or one of its parents. A parent from another origin cannot be
  // read (a SecurityError): the search stops there, as it would at the top.
  const searchFrom = (win) => {
    for (let depth = 0; win && depth <= kMaxParents; depth++) {
      try {
        if (win.API) return win.API;
        if (!win.parent || win.parent === win) return null;
        win = win.parent;
      } catch {
        return null;
      }
    }
    return null;
  };
  const findApi = () => {
    const api = searchFrom(window);
    if (api) return api;
    try {
      return window.opener ? searchFrom(window.opener) : null;
    } catch {
      return null;
    }
  };

  const api = findApi();
  if (!api) {
    launch.notice(
      "This course is not connected to a learning platform, so your progress and result " +
        "are not recorded. Open it from your learning platform to record them.",
    );
    launch.openCourse(null);
    return;
  }

  const succeeded = (result) => result === true || result === "true";
  const lastError = () => {
    try {
      const code = api.LMSGetLastError();
      return `error ${code}: ${api.LMSGetErrorString(code)}`;
    } catch {
      return "no error code";
    }
  };
  const failed = (what) => {
    launch.notice(
      `The learning platform did not save your progress (${what}). Keep this window open ` +
        "and tell whoever looks after your learning platform.",
    );
    return false;
  };
  const get = (name) => String(api.LMSGetValue(name) ?? "");
  const set = (name, value) =>
    succeeded(api.LMSSetValue(name, String(value))) ||
    failed(`LMSSetValue ${name}, ${lastError()}`);
  const commit = () => succeeded(api.LMSCommit("")) || failed(`LMSCommit, ${lastError()}`);

  if (!succeeded(api.LMSInitialize(""))) {
    failed(`LMSInitialize, ${lastError()}`);
    launch.openCourse(null);
    return;
  }

  let status = get("cmi.core.lesson_status");
  const setStatus = (value) => {
    if (set("cmi.core.lesson_status", value)) status = value;
  };
  if (status === "" || status === "not attempted" || status === "browsed") setStatus("incomplete");

  // HHHH:MM:SS.SS, SCORM 1.2's CMITimespan.
  const timespan = (milliseconds) => {
    const hundredths = Math.floor(milliseconds / 10);
    const pad = (n, width) => String(n).padStart(width, "0");
    const seconds = Math.floor(hundredths / 100) % 60;
    const minutes = Math.floor(hundredths / 6000) % 60;
    const hours = Math.min(Math.floor(hundredths / 360000), 9999);
    return `${pad(hours, 4)}:${pad(minutes, 2)}:${pad(seconds, 2)}.${pad(hundredths % 100, 2)}`;
  };

  // A score in percent, cut (not rounded) to two decimals so that it never reads as a pass
  // mark the attempt did not reach. The small addition undoes binary fractions such as
  // 0.29 * 10000 = 2899.9999999999995, which would otherwise be cut to 28.99.
  const percent = (raw, min, max) =>
    max > min ? Math.floor(((raw - min) / (max - min)) * 10000 + 1e-6) / 100 : 0;

  window.WaymarkTracking = Object.freeze({
    loadState() {
      const data = get("cmi.suspend_data");
      return data === "" ? null : data;
    },

    saveState(data) {
      data = String(data);
      // Never cut it short: resume data cut off is worse than none.
      if (data.length > kSuspendDataLimit) {
        failed(
          `your answers so far need ${data.length} characters, more than the ` +
            `${kSuspendDataLimit} SCORM 1.2 allows`,
        );
        return;
      }
      if (set("cmi.suspend_data", data)) commit();
    },

    pageShown(path) {
      const page = launch.pageName(path);
      if (page) set("cmi.core.lesson_location", page);
    },

    assessmentResult({ raw, min, max, passed }) {
      set("cmi.core.score.min", 0);
      set("cmi.core.score.max", 100);
      set("cmi.core.score.raw", percent(Number(raw), Number(min), Number(max)));
      setStatus(passed ? "passed" : "failed");
      commit();
    },

    courseCompleted() {
      // With an assessment, passed says it all (and a learner who passed is completed).
      if (launch.hasAssessment) return;
      setStatus("completed");
      commit();
    },
  });

  launch.onLeave(() => {
    set("cmi.core.session_time", timespan(launch.sessionMilliseconds()));
    // "suspend" keeps the resume data and bookmark for the next launch; a finished course
    // leaves normally.
    set("cmi.core.exit", status === "passed" || status === "completed" ? "" : "suspend");
    if (!succeeded(api.LMSFinish(""))) failed(`LMSFinish, ${lastError()}`);
  });

  launch.openCourse(get("cmi.core.lesson_location"));
})();
