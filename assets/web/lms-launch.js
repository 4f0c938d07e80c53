// lms-launch.js: what the launch page of a SCORM 1.2 or cmi5 package does whatever the
// format. The launch page holds the learning platform's session; the course's pages open
// in its frame (#course-frame) and find the adapter (lms-scorm12.js or lms-cmi5.js) as
// window.parent.WaymarkTracking. The adapter calls WaymarkLaunch.openCourse() once its
// session is ready, so no page loads before loadState() can answer.
"use strict";

(() => {
  const body = document.body;
  const started = Date.now();

  // A bookmark is a page of this package: a plain file name ending in .html, never the
  // launch page itself. Anything else (a path, a URL, a script) opens the contents.
  const pageName = (path) => {
    const name = String(path ?? "").split(/[/\\]/).pop().split(/[?#]/)[0];
    return /^[a-z0-9][a-z0-9-]*\.html$/.test(name) && name !== "launch.html" ? name : "";
  };

  let leaving = false;

  window.WaymarkLaunch = Object.freeze({
    hasAssessment: body.dataset.hasAssessment === "true",
    passMark: Number(body.dataset.passMark),
    pageName,

    openCourse(bookmark) {
      document.getElementById("course-frame").src = pageName(bookmark) || "index.html";
    },

    // Shows a problem with the learning platform above the course, and logs it.
    notice(text) {
      console.error("Waymark: " + text);
      const notice = document.getElementById("lms-notice");
      notice.textContent = text;
      notice.hidden = false;
    },

    sessionMilliseconds() {
      return Date.now() - started;
    },

    // Runs `finish` once when the learner leaves: pagehide fires on closing and on
    // navigating away (and is the only one of the two some mobile browsers send),
    // beforeunload on the desktop browsers that keep a page in their back-forward cache.
    onLeave(finish) {
      const once = () => {
        if (leaving) return;
        leaving = true;
        finish();
      };
      window.addEventListener("pagehide", once);
      window.addEventListener("beforeunload", once);
    },
  });
})();
