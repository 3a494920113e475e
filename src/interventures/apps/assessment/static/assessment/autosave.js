// Saves every answer the moment it is given, so closing the tab or losing the connection loses
// nothing. Without JavaScript the page's "Save and continue" button saves the same answers.
//
// An answer the server did not acknowledge (no connection, or a 5xx such as the 503 of a database
// that cannot be reached for a moment) stays in a queue on the page and is sent again, with a
// growing pause (2 s, 4 s, … at most 30 s) and at once when the browser is back online; a message
// says so until the queue is empty. Only the latest answer of each question is kept in the queue.
// A 4xx (an answer refused) is not retried: the question says why.
(function () {
  "use strict";
  var form = document.getElementById("step-form");
  if (!form || !window.fetch) { return; }
  var url = form.dataset.autosaveUrl;
  var texts = JSON.parse(document.getElementById("autosave-texts").textContent);
  var token = form.querySelector("input[name='csrfmiddlewaretoken']").value;
  var banner = document.getElementById("autosave-queue");
  var pending = {};  // item name -> value not yet acknowledged
  var inFlight = {};  // item name -> value being sent
  var delay = 2000;
  var timer = null;

  function status(name, text) {
    var node = form.querySelector("[data-status-for='" + name + "']");
    if (node) { node.textContent = text; }
  }

  function showQueue() {
    if (!banner) { return; }
    var waiting = Object.keys(pending).length > 0;
    banner.hidden = !waiting;
    banner.className = waiting ? "warning-box" : "";  // the box's display would override [hidden]
    banner.textContent = waiting ? texts.queued : "";
  }

  function schedule() {
    if (timer !== null) { return; }
    timer = window.setTimeout(function () {
      timer = null;
      flush();
    }, delay);
    delay = Math.min(delay * 2, 30000);
  }

  function send(name, value) {
    inFlight[name] = value;
    var body = new URLSearchParams();
    body.append("item", name);
    body.append("value", value);
    return fetch(url, {
      method: "POST",
      body: body,
      credentials: "same-origin",
      headers: { "X-CSRFToken": token, "Accept": "application/json" }
    }).then(function (response) {
      delete inFlight[name];
      if (response.ok) {
        if (pending[name] === value) { delete pending[name]; }
        status(name, texts.saved);
        delay = 2000;
      } else if (response.status >= 500) {
        status(name, texts.retrying);
        schedule();
      } else {
        if (pending[name] === value) { delete pending[name]; }
        status(name, texts.failed);
      }
      showQueue();
    }).catch(function () {
      delete inFlight[name];
      status(name, texts.retrying);
      showQueue();
      schedule();
    });
  }

  function flush() {
    Object.keys(pending).forEach(function (name) {
      if (inFlight[name] !== pending[name]) { send(name, pending[name]); }
    });
  }

  form.addEventListener("change", function (event) {
    var input = event.target;
    if (!input.matches("input[type='radio'][data-autosave]")) { return; }
    pending[input.name] = input.value;
    send(input.name, input.value);
  });

  window.addEventListener("online", function () {
    if (timer !== null) { window.clearTimeout(timer); timer = null; }
    delay = 2000;
    flush();
  });

  // Leaving the page with answers not yet acknowledged: the browser asks first. Submitting the form
  // sends every answer of the page anyway, so it is not held up.
  var submitting = false;
  form.addEventListener("submit", function () { submitting = true; });
  window.addEventListener("beforeunload", function (event) {
    if (!submitting && Object.keys(pending).length > 0) {
      event.preventDefault();
      event.returnValue = "";
    }
  });
})();
