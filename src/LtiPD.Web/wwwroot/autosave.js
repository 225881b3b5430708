// Saves each answer the moment it is given, so a closed tab or a lost session loses nothing. Without
// this script the page still works: "Save" and "Submit" post every answer at once.
(function () {
    "use strict";
    var form = document.getElementById("assessment");
    if (!form || !window.fetch || !window.FormData) return;
    var status = document.getElementById("save-status");
    var count = document.getElementById("answered-count");
    var progress = document.getElementById("progress");
    var timers = {};

    function announce(text) { if (status) status.textContent = text; }

    function save(fieldset) {
        var data = new FormData();
        fieldset.querySelectorAll("input, textarea").forEach(function (input) {
            if ((input.type === "radio" || input.type === "checkbox") && !input.checked) return;
            if (input.type === "file") { if (input.files.length) data.append(input.name, input.files[0]); return; }
            data.append(input.name, input.value);
        });
        fetch(form.dataset.answerUrl, { method: "POST", body: data, credentials: "omit" })
            .then(function (response) { return response.json().then(function (body) { return { ok: response.ok, body: body }; }); })
            .then(function (result) {
                if (!result.ok || !result.body.saved) {
                    announce(form.dataset.failed + " " + (result.body.message || ""));
                    return;
                }
                var when = new Date().toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" });
                announce(form.dataset.saved.replace("{0}", when));
                if (progress) progress.value = result.body.answered;
                if (count) count.textContent = form.dataset.answered.replace("{0}", result.body.answered).replace("{1}", result.body.total);
            })
            .catch(function () { announce(form.dataset.failed); });
    }

    // The character count next to each text answer; the textarea's maxlength stops typing at the limit the server keeps.
    function countCharacters(textarea) {
        var counter = form.querySelector("[data-counter-for='" + textarea.id + "']");
        if (counter) counter.textContent = counter.dataset.template.replace("{0}", textarea.value.length.toLocaleString());
    }
    form.querySelectorAll("textarea[maxlength]").forEach(countCharacters);

    form.addEventListener("change", function (event) {
        var fieldset = event.target.closest("fieldset[data-item]");
        if (fieldset) save(fieldset);
    });
    form.addEventListener("input", function (event) {
        if (event.target.tagName !== "TEXTAREA") return;
        countCharacters(event.target);
        var fieldset = event.target.closest("fieldset[data-item]");
        clearTimeout(timers[fieldset.dataset.item]);
        timers[fieldset.dataset.item] = setTimeout(function () { save(fieldset); }, 1500);
    });
})();
