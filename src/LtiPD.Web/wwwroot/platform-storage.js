// LTI Client Side postMessages: platform storage (lti.put_data / lti.get_data).
// The login page stores the state in the LMS window before going to the auth endpoint; the launch page
// reads it back and, only if the answer comes from the LMS's own origin and matches, confirms the launch.
(function () {
  "use strict";
  var box = document.getElementById("lti-storage");
  if (!box) return;
  var mode = box.dataset.mode;
  var origin = box.dataset.origin;
  var name = box.dataset.target;
  var messageId = "ltipd-" + Math.random().toString(36).slice(2) + Date.now().toString(36);

  function platformWindow() {
    if (name === "_parent") return window.parent;
    try { return window.parent.frames[name] || window.parent; } catch (e) { return window.parent; }
  }

  function send(subject, extra) {
    var message = { subject: subject, message_id: messageId, key: box.dataset.key };
    for (var k in extra) { message[k] = extra[k]; }
    platformWindow().postMessage(message, origin);
  }

  function fail() {
    var status = document.getElementById("storage-status");
    if (status) status.hidden = true;
    var failed = document.getElementById("storage-failed");
    if (failed) failed.hidden = false;
  }

  var done = false;
  window.addEventListener("message", function (event) {
    if (event.origin !== origin || !event.data || event.data.message_id !== messageId || done) return;
    if (mode === "put" && event.data.subject === "lti.put_data.response") {
      done = true;
      window.location.assign(box.dataset.next);
    } else if (mode === "get" && event.data.subject === "lti.get_data.response") {
      done = true;
      if (event.data.error || typeof event.data.value !== "string") { fail(); return; }
      var form = document.getElementById("storage-confirm");
      form.elements.state.value = event.data.value;
      form.submit();
    }
  });

  if (mode === "put") {
    send("lti.put_data", { value: box.dataset.value });
    // A platform that does not answer still gets the launch: the cookie may work there.
    setTimeout(function () { if (!done) { done = true; window.location.assign(box.dataset.next); } }, 3000);
  } else {
    send("lti.get_data", {});
    setTimeout(function () { if (!done) { done = true; fail(); } }, 5000);
  }
})();
