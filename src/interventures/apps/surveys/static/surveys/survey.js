// Autosave: each answer is posted as soon as it changes; the server keeps the draft, so closing the
// page and coming back to the same address resumes it. Without JavaScript, "Save and continue" saves.
(function () {
  "use strict";
  var form = document.querySelector("form[data-autosave]");
  if (!form) { return; }
  var url = form.getAttribute("data-autosave");
  var status = form.querySelector(".autosave-status");
  var token = form.querySelector("input[name=csrfmiddlewaretoken]").value;
  var timers = {};

  function send(name) {
    var body = new URLSearchParams();
    body.append("name", name);
    var fields = form.querySelectorAll("[name='" + name + "']");
    fields.forEach(function (el) {
      if ((el.type === "checkbox" || el.type === "radio") && !el.checked) { return; }
      body.append("value", el.value);
    });
    fetch(url, { method: "POST", body: body, headers: { "X-CSRFToken": token }, credentials: "same-origin" })
      .then(function (r) { return r.json(); })
      .then(function (data) {
        if (status) { status.textContent = data.saved ? status.getAttribute("data-saved") : status.getAttribute("data-failed"); }
      })
      .catch(function () { if (status) { status.textContent = status.getAttribute("data-failed"); } });
  }

  form.addEventListener("change", function (event) {
    var name = event.target.name;
    if (!name || name === "shown" || name === "p") { return; }
    clearTimeout(timers[name]);
    timers[name] = setTimeout(function () { send(name); }, 300);
  });
  var summary = document.getElementById("error-summary");
  if (summary) { summary.focus(); }
})();
