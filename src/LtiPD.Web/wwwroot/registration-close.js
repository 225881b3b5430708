// Dynamic Registration 1.0 §3.7: tell the LMS window that registration is finished so it closes this frame or window.
(function () {
  "use strict";
  var target = window.opener || window.parent;
  if (target && target !== window) target.postMessage({ subject: "org.imsglobal.lti.close" }, "*");
})();
