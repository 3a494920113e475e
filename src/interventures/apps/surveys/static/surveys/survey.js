// The respondent form. Autosave: each answer is posted as soon as it changes; the server keeps the
// draft, so closing the page and coming back to the same address resumes it. The server answers
// with the page's skip logic (which questions apply, which choices a filtered list offers) and the
// page follows it; the server remains the one evaluator and checks everything again on "continue".
// Without JavaScript the page still works: "Save and continue" saves and shows what applies.
(function () {
  "use strict";
  var form = document.querySelector("form[data-autosave]");
  if (!form) { return; }
  var url = form.getAttribute("data-autosave");
  var page = form.getAttribute("data-page");
  var status = form.querySelector(".autosave-status");
  var token = form.querySelector("input[name=csrfmiddlewaretoken]").value;
  var timers = {};

  function applyState(data) {
    if (data.relevant) {
      form.querySelectorAll(".question[data-name]").forEach(function (div) {
        var name = div.getAttribute("data-name");
        var applies = data.relevant.indexOf(name) !== -1;
        div.hidden = !applies;
        var shown = form.querySelector("input[data-shown='" + name + "']");
        if (shown) { shown.disabled = !applies; }
      });
      // a repeat inside an instance (its name is an address, "hh[1]/member"): shown while it applies
      form.querySelectorAll("section.repeat[data-name*='/']").forEach(function (section) {
        section.hidden = data.relevant.indexOf(section.getAttribute("data-name")) === -1;
      });
    }
    Object.keys(data.choices || {}).forEach(function (name) {
      var allowed = data.choices[name];
      var div = form.querySelector(".question[data-name='" + name + "']");
      if (!div) { return; }
      var changed = false;
      div.querySelectorAll("label[data-choice]").forEach(function (label) {
        var ok = allowed.indexOf(label.getAttribute("data-choice")) !== -1;
        label.hidden = !ok;
        var input = label.querySelector("input");
        if (!ok && input && input.checked) { input.checked = false; changed = true; }
      });
      // a drop-down list (appearance "minimal"): the options it no longer offers are hidden
      div.querySelectorAll("option[data-choice]").forEach(function (option) {
        var ok = allowed.indexOf(option.getAttribute("data-choice")) !== -1;
        option.hidden = !ok;
        option.disabled = !ok;
        if (!ok && option.selected) { option.parentNode.value = ""; changed = true; }
      });
      if (changed) { schedule(name); }
    });
  }

  function send(name) {
    var body = new URLSearchParams();
    body.append("name", name);
    body.append("p", page);
    form.querySelectorAll("[name='" + name + "']").forEach(function (el) {
      if ((el.type === "checkbox" || el.type === "radio") && !el.checked) { return; }
      body.append("value", el.value);
    });
    fetch(url, { method: "POST", body: body, headers: { "X-CSRFToken": token }, credentials: "same-origin" })
      .then(function (r) { return r.json(); })
      .then(function (data) {
        // a refusal the server explains (the response was submitted, the survey closed) is shown as is
        if (status) { status.textContent = data.saved ? status.getAttribute("data-saved") : (data.error || status.getAttribute("data-failed")); }
        if (data.saved) { applyState(data); }
      })
      .catch(function () { if (status) { status.textContent = status.getAttribute("data-failed"); } });
  }

  function schedule(name) {
    clearTimeout(timers[name]);
    timers[name] = setTimeout(function () { send(name); }, 300);
  }

  // A range's slider and its number box move together; the number box is the answer.
  form.addEventListener("input", function (event) {
    var target = event.target;
    if (target.classList && target.classList.contains("range-slider")) {
      var box = document.getElementById(target.getAttribute("data-for"));
      if (box) { box.value = target.value; box.dispatchEvent(new Event("change", { bubbles: true })); }
    } else if (target.type === "number") {
      var slider = form.querySelector('.range-slider[data-for="' + target.id + '"]');
      if (slider && target.value !== "") { slider.value = target.value; }
    }
  });

  form.addEventListener("change", function (event) {
    var name = event.target.name;
    // a file is sent with its page ("Save and continue"), not one answer at a time
    if (!name || name === "shown" || name === "p" || name === "remove_file" || event.target.type === "file") { return; }
    schedule(name);
  });
  // A geopoint: the browser's location on request (the browser asks the respondent's consent),
  // written into the coordinates box as ODK writes it ("lat lon altitude accuracy") and autosaved.
  if (navigator.geolocation) {
    form.querySelectorAll(".geo-locate").forEach(function (button) {
      button.hidden = false;
      button.addEventListener("click", function () {
        var box = document.getElementById(button.getAttribute("data-for"));
        navigator.geolocation.getCurrentPosition(function (pos) {
          var c = pos.coords;
          box.value = [c.latitude.toFixed(6), c.longitude.toFixed(6), Math.round(c.altitude || 0), Math.round(c.accuracy || 0)].join(" ");
          box.dispatchEvent(new Event("change", { bubbles: true }));
          box.focus();
        }, function () {
          if (status) { status.textContent = button.getAttribute("data-failed"); }
        }, { enableHighAccuracy: true, timeout: 20000 });
      });
    });
  }
  var summary = document.getElementById("error-summary");
  if (summary) { summary.focus(); }
})();
