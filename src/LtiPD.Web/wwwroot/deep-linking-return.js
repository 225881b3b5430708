// Deep Linking 2.0 §4.5: the browser carries the signed response to the platform; the visible button does it without script.
(function () {
  "use strict";
  var form = document.getElementById("lti-deep-linking-response");
  if (form) form.submit();
})();
